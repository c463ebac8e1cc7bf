// `npm run bench`: Sluice against baselines measured in the same run, on loopback only.
// (a) a bare undici loop, (b) Sluice end to end, (c) the naive one-activity-per-record design,
// and the parse of a large file into PostgreSQL against csv-parse alone. Figures are printed,
// written to bench/results/, and to a table in docs/performance.md.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, openAsBlob } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

import { NativeConnection, Worker } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { parse } from 'csv-parse';
import { Pool as PgPool } from 'pg';
import { DELIVERY_BOUNDS } from '@sluice/shared';
import { Pool } from 'undici';

import { runMigrations } from '../apps/api/src/migrate';
import { buildWorkflowBundle } from '../apps/temporal-worker/src/bundle-workflows';
import { recreateDatabase, TemporalDevServer } from '../tools/testing/test-services';
import { WebhookReceiver } from '../tools/testing/webhook-receiver';
import { BenchStack, peakRssMb } from './bench-stack';
import type { NaiveActivities } from './naive/naive.workflow';

// Run from the workspace root (scripts/bench.sh does), compiled or not.
const root = process.cwd();
const args = new Map(
  process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')) as [string, string][],
);
const SEND_RECORDS = Number(args.get('records') ?? 100_000);
const NAIVE_RECORDS = Number(args.get('naive') ?? 10_000);
const PARSE_RECORDS = Number(args.get('parse') ?? 1_000_000);
const CONCURRENCY = 64;

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
    LOG_LEVEL: 'warn',
  };
  const results: Record<string, number | null> = {};
  try {
    results['bareUndiciPerSecond'] = await bareUndici(receiver, SEND_RECORDS);
    const stack = new BenchStack(distDir, env);
    await stack.start();
    try {
      Object.assign(results, await sluiceEndToEnd(stack, receiver, tmp, SEND_RECORDS));
      Object.assign(results, await sluiceParse(stack, tmp, PARSE_RECORDS));
      results['apiPeakRssMb'] = peakRssMb(stack.apiPid);
      results['workerPeakRssMb'] = peakRssMb(stack.workerPid);
    } finally {
      stack.stop();
    }
    results['naivePerSecond'] = await naive(
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
  await report(results);
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
  await waitForPhase(stack, batch.id, ['awaiting_approval']);

  return { batchId: batch.id, parseSeconds: (performance.now() - started) / 1_000 };
}

async function waitForPhase(stack: BenchStack, batchId: string, phases: string[]) {
  for (;;) {
    const view = await stack.request('GET', `/api/batches/${batchId}`);
    if (phases.includes(view.phase)) return view;
    if (['failed', 'cancelled'].includes(view.phase)) throw new Error(`Batch ${view.phase}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
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
  const started = performance.now();
  await stack.request('POST', `/api/batches/${batchId}/approve`, {
    url: receiver.url,
    ratePerSecond: DELIVERY_BOUNDS.ratePerSecond.max,
    concurrency: CONCURRENCY,
  });
  const done = await waitForPhase(stack, batchId, ['completed', 'completed_with_failures']);
  const seconds = (performance.now() - started) / 1_000;
  if (done.counts.succeeded !== count || receiver.count - before < count) {
    throw new Error(`Sluice sent ${done.counts.succeeded} of ${count}`);
  }

  return { sluicePerSecond: count / seconds, maxHistoryEvents: await maxHistory(stack, batchId) };
}

/** The longest history among every run of the batch's workflow (continue-as-new makes several). */
async function maxHistory(stack: BenchStack, batchId: string): Promise<number> {
  const connection = await Connection.connect({ address: stack.env['TEMPORAL_ADDRESS'] });
  const client = new Client({ connection });
  let longest = 0;
  try {
    for await (const run of client.workflow.list({ query: `WorkflowId = 'batch-${batchId}'` })) {
      const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
      longest = Math.max(longest, history.events?.length ?? 0);
    }
  } finally {
    await connection.close();
  }

  return longest;
}

async function sluiceParse(stack: BenchStack, tmp: string, count: number) {
  const path = join(tmp, `parse-${count}.csv`);
  await csvFile(path, count);
  const started = performance.now();
  let records = 0;
  for await (const _record of createReadStream(path).pipe(parse({ bom: true }))) records += 1;
  const rawPerSecond = (records - 1) / ((performance.now() - started) / 1_000);
  const { parseSeconds } = await uploadAndParse(stack, path);

  return { csvParsePerSecond: rawPerSecond, sluiceParsePerSecond: count / parseSeconds };
}

async function naive(
  env: Record<string, string>,
  databaseUrl: string,
  address: string,
  receiver: WebhookReceiver,
  count: number,
): Promise<number> {
  // The records come from a Sluice batch in PostgreSQL, as the naive design would read them.
  const pg = new PgPool({ connectionString: databaseUrl, max: 8 });
  const { rows } = await pg.query(
    `SELECT batch_id FROM records GROUP BY batch_id HAVING count(*) >= $1 LIMIT 1`,
    [count],
  );
  const batchId = rows[0].batch_id as string;
  const http = new Pool(new URL(receiver.url).origin, { connections: CONCURRENCY });
  const activities: NaiveActivities = {
    async postRecord({ batchId: id, seq }) {
      const record = await pg.query(`SELECT fields FROM records WHERE batch_id = $1 AND seq = $2`, [
        id,
        seq,
      ]);
      const response = await http.request({
        path: '/hooks',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': `naive-${seq}` },
        body: JSON.stringify(record.rows[0].fields),
      });
      await response.body.dump();
    },
  };
  const bundlePath = join(env['SLUICE_DATA_DIR'], '..', 'naive-bundle.js');
  const { bundleWorkflowCode } = await import('@temporalio/worker');
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(root, 'bench/naive/naive.workflow.ts'),
  });
  await writeFile(bundlePath, code);
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue: 'bench-naive',
    workflowBundle: { codePath: bundlePath },
    activities,
    maxConcurrentActivityTaskExecutions: CONCURRENCY,
  });
  const client = new Client({
    connection: await (await import('@temporalio/client')).Connection.connect({ address }),
  });
  const started = performance.now();
  await worker.runUntil(async () => {
    // Runs of 1,000 records: one run of 10,000 activities would pass Temporal's history limits.
    for (let from = 1; from <= count; from += 1_000) {
      await client.workflow.execute('naivePerRecordWorkflow', {
        taskQueue: 'bench-naive',
        workflowId: `naive-${from}-${randomBytes(3).toString('hex')}`,
        args: [
          { batchId, fromSeq: from, toSeq: Math.min(from + 999, count), concurrency: CONCURRENCY },
        ],
      });
    }
  });
  const perSecond = count / ((performance.now() - started) / 1_000);
  await http.close();
  await pg.end();
  await client.connection.close();
  await connection.close();

  return perSecond;
}

async function report(results: Record<string, number | null>) {
  const ratio = (a: string, b: string) =>
    results[a] && results[b] ? (results[a] as number) / (results[b] as number) : null;
  const figures: Record<string, number | null> = {
    ...results,
    ratioSluiceToBare: ratio('sluicePerSecond', 'bareUndiciPerSecond'),
    ratioSluiceToNaive: ratio('sluicePerSecond', 'naivePerSecond'),
    ratioParseToRaw: ratio('sluiceParsePerSecond', 'csvParsePerSecond'),
  };
  const date = new Date().toISOString();
  const machine = `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  const round = (value: number | null | undefined) =>
    value === null || value === undefined
      ? 'n/a'
      : value >= 100
        ? Math.round(value).toLocaleString('en')
        : value.toFixed(2);
  const lines = [
    `| Figure | Value | Aim |`,
    `|---|---|---|`,
    `| (a) bare undici loop, ${SEND_RECORDS.toLocaleString('en')} requests, records/s | ${round(figures.bareUndiciPerSecond)} | |`,
    `| (b) Sluice end to end, ${SEND_RECORDS.toLocaleString('en')} records, no rate limit, records/s | ${round(figures.sluicePerSecond)} | |`,
    `| (c) naive, one activity per record, ${NAIVE_RECORDS.toLocaleString('en')} records, records/s | ${round(figures.naivePerSecond)} | |`,
    `| b / a | ${round(figures.ratioSluiceToBare)} | ≥ 0.5 |`,
    `| b / c | ${round(figures.ratioSluiceToNaive)} | ≥ 10 |`,
    `| csv-parse alone, ${PARSE_RECORDS.toLocaleString('en')} rows, rows/s | ${round(figures.csvParsePerSecond)} | |`,
    `| Sluice parse into PostgreSQL (upload to preview), rows/s | ${round(figures.sluiceParsePerSecond)} | |`,
    `| parse / raw | ${round(figures.ratioParseToRaw)} | ≥ 0.4 |`,
    `| most history events in one run of (b) | ${round(figures.maxHistoryEvents)} | < 10,000 |`,
    `| API peak RSS, MB | ${round(figures.apiPeakRssMb)} | < 300 |`,
    `| worker peak RSS, MB | ${round(figures.workerPeakRssMb)} | < 300 |`,
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  await mkdir(join(root, 'bench/results'), { recursive: true });
  await writeFile(
    join(root, `bench/results/${date.replace(/[:.]/g, '-')}.json`),
    JSON.stringify({ date, machine, figures }, null, 2),
  );
  const docPath = join(root, 'docs/performance.md');
  const doc = await readFile(docPath, 'utf8').catch(() => '# Performance\n');
  const section = `<!-- delivery-bench:start -->\n## Delivery and parsing (\`npm run bench\`)\n\nMeasured ${date} on ${machine}; every server on loopback.\n\n${lines.join('\n')}\n<!-- delivery-bench:end -->`;
  const marked = /<!-- delivery-bench:start -->[\s\S]*<!-- delivery-bench:end -->/;
  await writeFile(
    docPath,
    marked.test(doc) ? doc.replace(marked, section) : `${doc.trimEnd()}\n\n${section}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
