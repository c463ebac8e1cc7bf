// `npm run bench`: Sluice against baselines measured in the same run, on loopback only.
// (a) a bare undici loop, (b) Sluice end to end, (c) the naive one-activity-per-record design,
// and the parse of a large file into PostgreSQL against csv-parse alone. Figures are printed,
// written to bench/results/, and to a table in docs/performance.md.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, openAsBlob } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';

import { parse } from 'csv-parse';
import { DELIVERY_BOUNDS } from '@sluice/shared';
import { Pool } from 'undici';

import { runMigrations } from '../apps/api/src/migrate';
import { buildWorkflowBundle } from '../apps/temporal-worker/src/bundle-workflows';
import { recreateDatabase, TemporalDevServer } from '../tools/testing/test-services';
import { WebhookReceiver } from '../tools/testing/webhook-receiver';
import { BenchStack, peakRssMb } from './bench-stack';
import { cpuSeconds, postgresCpuSeconds } from './cpu-time';
import { readBatchHistory } from './batch-history';
import { reportDelivery } from './delivery-report';
import { runNaive } from './naive/naive-run';

// Run from the workspace root (scripts/bench.sh does), compiled or not.
const root = process.cwd();
const args = new Map(
  process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')) as [string, string][],
);
const SEND_RECORDS = Number(args.get('records') ?? 100_000);
const NAIVE_RECORDS = Number(args.get('naive') ?? 10_000);
const PARSE_RECORDS = Number(args.get('parse') ?? 1_000_000);
/** (a) and (b) alternate this often: this machine's speed drifts by tens of percent. */
const ROUNDS = Number(args.get('rounds') ?? 3);
const CONCURRENCY = 64;
/** Worker processes sharing the batch: the deployment runs two (docker-compose.yml). */
const WORKERS = Number(args.get('workers') ?? 2);

async function main() {
  const databaseUrl =
    process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/sluice_bench';
  const tmp = join(root, 'tmp/bench');
  await mkdir(tmp, { recursive: true });
  await recreateDatabase(databaseUrl);
  await runMigrations(databaseUrl);
  const temporal = await TemporalDevServer.start(process.env['TEMPORAL_CLI_PATH'] ?? 'temporal');
  const receiver = await new WebhookReceiver({ keepBodies: false }).start();
  const bundle = join(tmp, 'workflow-bundle.js');
  await buildWorkflowBundle(bundle, root);
  // scripts/bench.sh compiled the API and worker here along with this script.
  const distDir = join(root, 'tmp/bench-dist');
  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `bench-${randomBytes(4).toString('hex')}`,
    SLUICE_DATA_DIR: join(tmp, 'data'),
    SLUICE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SLUICE_ALLOWED_TARGETS: '127.0.0.1/32',
    WORKER_WORKFLOW_BUNDLE: bundle,
    // Any free port for the worker's probes: another Sluice may run on this machine.
    WORKER_HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const results: Record<string, number | null> = {};
  try {
    const stack = new BenchStack(distDir, env, WORKERS);
    await stack.start();
    try {
      Object.assign(results, await sendRounds(stack, receiver, tmp));
      Object.assign(results, await sluiceParse(stack, tmp, PARSE_RECORDS));
      results['apiPeakRssMb'] = peakRssMb(stack.apiPid);
      results['workerPeakRssMb'] = Math.max(...stack.workerPids.map((pid) => peakRssMb(pid) ?? 0));
    } finally {
      stack.stop();
    }
    results['naivePerSecond'] = await runNaive(
      root,
      CONCURRENCY,
      env,
      databaseUrl,
      temporal.address,
      receiver,
      NAIVE_RECORDS,
    );
  } finally {
    await receiver.stop();
    await temporal.stop();
  }
  await reportDelivery(root, results, {
    send: SEND_RECORDS,
    naive: NAIVE_RECORDS,
    parse: PARSE_RECORDS,
    rounds: ROUNDS,
  });
}

function csvFile(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,name,email,city,amount\n');
  for (let i = 1; i <= count; i += 1) {
    out.write(`${i},Person ${i},person${i}@example.test,Lyon,${(i * 1.5).toFixed(2)}\n`);
  }
  out.end();

  return once(out, 'finish').then(() => undefined);
}

async function bareUndici(receiver: WebhookReceiver, count: number): Promise<number> {
  const pool = new Pool(new URL(receiver.url).origin, { connections: CONCURRENCY });
  let next = 1;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next <= count) {
        const id = next++;
        const body = JSON.stringify({ id: String(id), name: `Person ${id}`, city: 'Lyon' });
        const response = await pool.request({
          path: '/hooks',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'webhook-id': `bare-${id}` },
          body,
        });
        await response.body.dump();
      }
    }),
  );
  await pool.close();

  return count / ((performance.now() - started) / 1_000);
}

/**
 * Rounds of (a) then (b) on the same receiver; medians are the figures, and each round's own
 * ratio shows how far the machine's drift moves it.
 */
async function sendRounds(stack: BenchStack, receiver: WebhookReceiver, tmp: string) {
  const rounds: { bare: number; sluice: number; firstRequestMs: number; workerCpu: number }[] = [];
  let maxHistoryEvents = 0;
  let historyRecordDataHits = 0;
  // A server's first minutes are not its steady state: compiled code, pooled connections and
  // PostgreSQL's caches come with use. One small unmeasured round of each warms them.
  const warmUp = Math.max(1_000, Math.round(SEND_RECORDS / 10));
  await bareUndici(receiver, warmUp);
  await sluiceEndToEnd(stack, receiver, tmp, warmUp);
  for (let round = 1; round <= ROUNDS; round += 1) {
    const bare = await bareUndici(receiver, SEND_RECORDS);
    const { sluicePerSecond, firstRequestMs, cpu, ...history } = await sluiceEndToEnd(
      stack,
      receiver,
      tmp,
      SEND_RECORDS,
    );
    rounds.push({ bare, sluice: sluicePerSecond, firstRequestMs, workerCpu: cpu.worker });
    process.stdout.write(
      `round ${round}: (a) ${Math.round(bare)}/s, (b) ${Math.round(sluicePerSecond)}/s, ` +
        `b / a ${(sluicePerSecond / bare).toFixed(2)}, first request ${firstRequestMs} ms, ` +
        `CPU µs per record: worker ${cpu.worker}, PostgreSQL ${cpu.postgres}, ` +
        `API ${cpu.api}, receiver ${cpu.receiver}\n`,
    );
    maxHistoryEvents = Math.max(maxHistoryEvents, history.maxHistoryEvents);
    historyRecordDataHits += history.historyRecordDataHits;
  }
  const ratios = rounds.map((round) => round.sluice / round.bare);

  return {
    bareUndiciPerSecond: median(rounds.map((round) => round.bare)),
    sluicePerSecond: median(rounds.map((round) => round.sluice)),
    lowestRoundRatio: Math.min(...ratios),
    highestRoundRatio: Math.max(...ratios),
    firstRequestMs: median(rounds.map((round) => round.firstRequestMs)),
    workerCpuMicrosPerRecord: median(rounds.map((round) => round.workerCpu)),
    maxHistoryEvents,
    historyRecordDataHits,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function uploadAndParse(stack: BenchStack, path: string) {
  const form = new FormData();
  form.append('file', await openAsBlob(path), 'bench.csv');
  const started = performance.now();
  const upload = await fetch(`${stack.apiUrl}/api/batches`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.token}` },
    body: form,
  });
  const batch = (await upload.json()) as { id: string };
  const stored = performance.now();
  await waitForPhase(stack, batch.id, ['awaiting_approval']);
  const parsed = performance.now();

  return {
    batchId: batch.id,
    uploadSeconds: (stored - started) / 1_000,
    parseSeconds: (parsed - stored) / 1_000,
  };
}

async function waitForPhase(stack: BenchStack, batchId: string, phases: string[]) {
  for (;;) {
    const view = await stack.request('GET', `/api/batches/${batchId}`);
    if (phases.includes(view.phase)) return view;
    if (['failed', 'cancelled'].includes(view.phase)) throw new Error(`Batch ${view.phase}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function sluiceEndToEnd(
  stack: BenchStack,
  receiver: WebhookReceiver,
  tmp: string,
  count: number,
) {
  const path = join(tmp, `send-${count}.csv`);
  await csvFile(path, count);
  const { batchId } = await uploadAndParse(stack, path);
  const before = receiver.count;
  const cpuBefore = cpuSnapshot(stack);
  const started = performance.now();
  await stack.request('POST', `/api/batches/${batchId}/approve`, {
    url: receiver.url,
    ratePerSecond: DELIVERY_BOUNDS.ratePerSecond.max,
    concurrency: CONCURRENCY,
  });
  const firstRequest = waitForFirstRequest(receiver, before);
  const done = await waitForPhase(stack, batchId, ['completed', 'completed_with_failures']);
  const seconds = (performance.now() - started) / 1_000;
  const cpu = cpuPerRecord(cpuBefore, cpuSnapshot(stack), count);
  const firstRequestMs = Math.round((await firstRequest) - started);
  if (done.counts.succeeded !== count || receiver.count - before < count) {
    throw new Error(`Sluice sent ${done.counts.succeeded} of ${count}`);
  }

  // Values only a record holds: its e-mail addresses and names.
  const recordValues = ['@example.test', `Person ${count}`];
  const history = await readBatchHistory(stack.env['TEMPORAL_ADDRESS'], batchId, recordValues);

  return { sluicePerSecond: count / seconds, firstRequestMs, cpu, ...history };
}

/** CPU seconds so far of the workers, the API, PostgreSQL and this process (the receiver). */
function cpuSnapshot(stack: BenchStack) {
  const own = process.cpuUsage();

  return {
    worker: stack.workerPids.reduce<number>((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0),
    api: cpuSeconds(stack.apiPid) ?? 0,
    postgres: postgresCpuSeconds(),
    receiver: (own.user + own.system) / 1e6,
  };
}

/** Microseconds of CPU each process spent per record: what the machine's drift moves least. */
function cpuPerRecord(
  before: ReturnType<typeof cpuSnapshot>,
  after: ReturnType<typeof cpuSnapshot>,
  count: number,
) {
  const perRecord = (key: keyof typeof before) =>
    Math.round(((after[key] - before[key]) * 1e6) / count);

  return {
    worker: perRecord('worker'),
    api: perRecord('api'),
    postgres: perRecord('postgres'),
    receiver: perRecord('receiver'),
  };
}

/** When the receiver saw its first request past `before`: approval's set-up cost. */
async function waitForFirstRequest(receiver: WebhookReceiver, before: number): Promise<number> {
  while (receiver.count === before) await new Promise((resolve) => setTimeout(resolve, 2));

  return receiver.lastReceivedAt;
}

async function sluiceParse(stack: BenchStack, tmp: string, count: number) {
  const path = join(tmp, `parse-${count}.csv`);
  await csvFile(path, count);
  // The best of three for each side, alternating: a bad moment of the machine makes neither
  // look slow, and drift hits both alike.
  let rawPerSecond = 0;
  let best = { uploadSeconds: Infinity, parseSeconds: Infinity };
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    let records = 0;
    for await (const _record of createReadStream(path).pipe(parse({ bom: true }))) records += 1;
    rawPerSecond = Math.max(rawPerSecond, (records - 1) / ((performance.now() - started) / 1_000));
    const { batchId, ...timing } = await uploadAndParse(stack, path);
    if (timing.parseSeconds < best.parseSeconds) best = timing;
    // Discarded as an operator would, so its workflow does not wait for an approval.
    await stack.request('POST', `/api/batches/${batchId}/cancel`);
  }

  return {
    csvParsePerSecond: rawPerSecond,
    sluiceParsePerSecond: count / best.parseSeconds,
    sluiceUploadAndParsePerSecond: count / (best.uploadSeconds + best.parseSeconds),
    uploadSeconds: best.uploadSeconds,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
