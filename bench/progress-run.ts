import { isTerminalPhase, type BatchPhase } from '@sluice/shared';

import type { ApiClient } from '../tools/testing/api-client';
import type { ApiEndpoint } from '../tools/testing/sluice-stack';
import { cpuSeconds, postgresCpuSeconds } from './cpu-time';
import type { OutcomeLog, OutcomeWrite } from './outcome-log';
import { SubscriberProcess, type SeenCounts } from './subscriber-process';
import type { TimingReceiver } from './timing-receiver';

/** How each benchmark batch is sent. */
export interface RunSettings {
  records: number;
  ratePerSecond: number;
  concurrency: number;
}

/** CPU time by process: seconds over a run, or milliseconds per 1,000 requests in a summary. */
export interface ProcessCpu {
  api: number;
  workers: number;
  postgres: number;
  /** This process: the receiver, and an idle API that only set the database up. */
  receiver: number;
  subscribers: number;
}

/** What the benchmark reads from /proc itself; the subscribers report their own. */
type ServerCpu = Omit<ProcessCpu, 'subscribers'>;

export interface RunResult {
  subscribers: number;
  requests: number;
  throughputPerSecond: number;
  latenciesMs: number[];
  /** CPU seconds each process spent from approval to the end of the batch. */
  cpu: ProcessCpu;
}

/** The processes a run measures, besides PostgreSQL's and its own. */
export interface MeasuredPids {
  api: number | undefined;
  workers: (number | undefined)[];
}

interface RunContext {
  endpoint: ApiEndpoint;
  pids: MeasuredPids;
  api: ApiClient;
  receiver: TimingReceiver;
  log: OutcomeLog;
  csv: string;
  settings: RunSettings;
}

const PARSE_TIMEOUT_MS = 5 * 60_000;
const SEND_TIMEOUT_MS = 20 * 60_000;

/** Sends one batch with `subscribers` watching it and measures what the receiver saw. */
export async function runBatch(context: RunContext, subscribers: number): Promise<RunResult> {
  const { endpoint, api, receiver, log, settings, pids } = context;
  await log.clearBatches();
  const batch = await api.upload(`bench-${subscribers}.csv`, context.csv);
  await api.waitForPhase(batch.id, ['awaiting_approval'], PARSE_TIMEOUT_MS);
  const watchers =
    subscribers > 0
      ? await SubscriberProcess.start(
          `${endpoint.apiUrl}/batches`,
          endpoint.token,
          batch.id,
          subscribers,
        )
      : null;
  const firstRequest = receiver.receivedAt.length;
  const cpuBefore = cpuSnapshot(pids);

  const approval = await api.request('POST', `/api/batches/${batch.id}/approve`, {
    url: receiver.url,
    ratePerSecond: settings.ratePerSecond,
    concurrency: settings.concurrency,
  });
  if (approval.status !== 200) throw new Error(`Approval answered ${approval.status}`);
  const phase = await waitForEnd(log, batch.id);
  if (phase !== 'completed') throw new Error(`Benchmark batch ended ${phase}`);
  const cpuAfter = cpuSnapshot(pids);
  const watched = watchers ? await watchers.finish() : { seen: [], cpuSeconds: 0 };
  const throughput = receiver.throughputSince(firstRequest);

  return {
    subscribers,
    requests: throughput.count,
    throughputPerSecond: throughput.perSecond,
    latenciesMs: latencies(await log.writesOf(batch.id), watched.seen),
    cpu: { ...cpuBetween(cpuBefore, cpuAfter), subscribers: watched.cpuSeconds },
  };
}

/** The subscribers' process reports its own CPU: it has exited by the time this could read it. */
function cpuSnapshot(pids: MeasuredPids): ServerCpu {
  const own = process.cpuUsage();

  return {
    api: cpuSeconds(pids.api) ?? 0,
    workers: pids.workers.reduce<number>((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0),
    postgres: postgresCpuSeconds(),
    receiver: (own.user + own.system) / 1e6,
  };
}

function cpuBetween(before: ServerCpu, after: ServerCpu): ServerCpu {
  return {
    api: after.api - before.api,
    workers: after.workers - before.workers,
    postgres: after.postgres - before.postgres,
    receiver: after.receiver - before.receiver,
  };
}

/** Polls PostgreSQL, not the API, so the arm without subscribers has no observer either. */
async function waitForEnd(log: OutcomeLog, batchId: string): Promise<BatchPhase> {
  const deadline = Date.now() + SEND_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const phase = (await log.phaseOf(batchId)) as BatchPhase;
    if (isTerminalPhase(phase)) return phase;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Benchmark batch ${batchId} did not end within ${SEND_TIMEOUT_MS} ms`);
}

/** For every subscriber and every stored write: time until an event counted that write. */
export function latencies(writes: OutcomeWrite[], seen: SeenCounts): number[] {
  const result: number[] = [];
  for (const events of seen) {
    let next = 0;
    for (const write of writes) {
      while (next < events.length && events[next][1] < write.finished) next += 1;
      if (next === events.length) break;
      result.push(events[next][0] - write.atMs);
    }
  }

  return result;
}
