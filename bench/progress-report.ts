import { cpus, release, totalmem, type } from 'node:os';

import type { RunResult, RunSettings } from './progress-run';

export interface Summary {
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyMaxMs: number;
  latencySamples: number;
  throughputWithoutPerSecond: number;
  throughputWithPerSecond: number;
  /** Throughput with subscribers over throughput without; 0.97 is a 3 % slowdown. */
  throughputRatio: number;
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);

  return sorted[Math.max(0, index)];
}

export function summarize(results: RunResult[]): Summary {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const without = results.filter((result) => result.subscribers === 0);
  const watched = results.filter((result) => result.subscribers > 0);
  const latencies = watched.flatMap((result) => result.latenciesMs);
  const withoutPerSecond = mean(without.map((result) => result.throughputPerSecond));
  const withPerSecond = mean(watched.map((result) => result.throughputPerSecond));

  return {
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP95Ms: percentile(latencies, 0.95),
    latencyMaxMs: latencies.reduce((max, value) => Math.max(max, value), 0),
    latencySamples: latencies.length,
    throughputWithoutPerSecond: withoutPerSecond,
    throughputWithPerSecond: withPerSecond,
    throughputRatio: withPerSecond / withoutPerSecond,
  };
}

const row = (...cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const round = (value: number) => Math.round(value).toLocaleString('en-US');

function describeMachine(postgres: string): string {
  const cpu = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`;
  const memory = `${Math.round(totalmem() / 1024 ** 3)} GB RAM`;
  const software = `${type()} ${release()}, Node ${process.version}, PostgreSQL ${postgres}`;

  return `${cpu}, ${memory}, ${software}`;
}

function runRow(result: RunResult, index: number): string {
  const latency = result.latenciesMs;
  const p50 = latency.length ? round(percentile(latency, 0.5)) : '–';
  const p95 = latency.length ? round(percentile(latency, 0.95)) : '–';

  return row(
    index + 1,
    result.subscribers,
    round(result.requests),
    round(result.throughputPerSecond),
    p50,
    p95,
  );
}

/** The report as Markdown: machine, settings, every run, and the figures against targets. */
export function progressReport(
  results: RunResult[],
  summary: Summary,
  settings: RunSettings & { subscribers: number; postgres: string },
): string {
  const { subscribers } = settings;
  const slowdown = `${((1 - summary.throughputRatio) * 100).toFixed(1)} %`;

  return [
    '## Live progress (issue #4, `npm run bench:progress`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${describeMachine(settings.postgres)},`,
    'with a Temporal dev server. API, worker and receiver run in one process, the subscribers',
    'in a child process (websocket transport); everything on 127.0.0.1.',
    '',
    `Each run sends a batch of ${round(settings.records)} records as fast as the machine allows`,
    `(rate limit ${round(settings.ratePerSecond)}/s, concurrency ${settings.concurrency}) to a`,
    'receiver that answers 204 at once. Runs alternate between no subscriber and',
    `${subscribers} subscribers in ABBA order, so drift cancels out. Throughput is requests per`,
    'second at the receiver, first to last request. Latency runs from the moment PostgreSQL',
    'stores a bulk write of outcomes (a trigger reads `clock_timestamp()` before the commit) to',
    'the moment a subscriber receives an event counting it, for every subscriber and write.',
    '',
    row('Run', 'Subscribers', 'Requests', 'Throughput (req/s)', 'p50 (ms)', 'p95 (ms)'),
    row('---', '---', '---', '---', '---', '---'),
    ...results.map(runRow),
    '',
    row('Figure', 'Measured', 'Target'),
    row('---', '---', '---'),
    row('Outcome stored → seen, p50', `${round(summary.latencyP50Ms)} ms`, ''),
    row('Outcome stored → seen, p95', `${round(summary.latencyP95Ms)} ms`, 'under 1,000 ms'),
    row('Outcome stored → seen, max', `${round(summary.latencyMaxMs)} ms`, ''),
    row('Throughput, no subscriber', `${round(summary.throughputWithoutPerSecond)} req/s`, ''),
    row(
      `Throughput, ${subscribers} subscribers`,
      `${round(summary.throughputWithPerSecond)} req/s`,
      '',
    ),
    row(`Slowdown from ${subscribers} subscribers`, slowdown, 'under 5 %'),
    '',
    `Throughputs are means over the runs of each arm; ${round(summary.latencySamples)} latency`,
    `samples. The subscribers share the machine's ${cpus().length} cores with the servers, so`,
    'their own work counts against throughput too.',
    '',
  ].join('\n');
}
