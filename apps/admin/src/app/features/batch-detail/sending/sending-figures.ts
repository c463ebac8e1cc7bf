import { LiveBatch, sendingFigure } from '../../../core/realtime/live-batch';

/** The count of finished deliveries seen at one moment, for measuring throughput. */
export interface ThroughputSample {
  atMs: number;
  finished: number;
}

/** What the sending panel shows; null where neither the API nor the samples can tell. */
export interface SendingFigures {
  total: number;
  sent: number;
  failed: number;
  pending: number;
  inFlight: number | null;
  percent: number;
  actualRate: number | null;
  configuredRate: number | null;
  etaSeconds: number | null;
}

const RATE_WINDOW_MS = 10_000;

/**
 * Figures of a sending batch. The API's live progress wins where it sends a figure; otherwise
 * (a command's answer, an unknown rate) they come from the counts, and the rate is measured
 * over the last snapshots the console saw.
 */
export function sendingFigures(
  batch: LiveBatch,
  samples: readonly ThroughputSample[],
): SendingFigures {
  const figure = (name: Parameters<typeof sendingFigure>[1]) => sendingFigure(batch, name);
  const total = figure('total') ?? batch.counts.records;
  const sent = figure('sent') ?? batch.counts.succeeded;
  const failed = figure('failed') ?? batch.counts.failed;
  const pending = figure('pending') ?? Math.max(0, total - sent - failed);
  const actualRate = figure('actualRatePerSecond') ?? measuredRate(samples, RATE_WINDOW_MS);
  const measuredEta = actualRate ? Math.ceil(pending / actualRate) : null;

  return {
    total,
    sent,
    failed,
    pending,
    inFlight: figure('inFlight'),
    percent: total > 0 ? Math.min(100, (100 * (sent + failed)) / total) : 0,
    actualRate,
    configuredRate: figure('configuredRatePerSecond') ?? batch.endpoint?.ratePerSecond ?? null,
    etaSeconds: figure('etaSeconds') ?? (pending === 0 ? 0 : measuredEta),
  };
}

/** Deliveries finished per second between the oldest sample in the window and the newest. */
export function measuredRate(samples: readonly ThroughputSample[], windowMs: number) {
  const last = samples.at(-1);
  if (!last) {
    return null;
  }
  const first = samples.find((sample) => last.atMs - sample.atMs <= windowMs) ?? last;
  const seconds = (last.atMs - first.atMs) / 1_000;

  return seconds > 0 ? Math.max(0, (last.finished - first.finished) / seconds) : null;
}

/** Throughput between consecutive samples, for the chart: one point per sample after the first. */
export function throughputSeries(samples: readonly ThroughputSample[]) {
  return samples.slice(1).map((sample, index) => {
    const previous = samples[index];
    const seconds = (sample.atMs - previous.atMs) / 1_000;

    return {
      atMs: sample.atMs,
      rate: seconds > 0 ? Math.max(0, (sample.finished - previous.finished) / seconds) : 0,
    };
  });
}
