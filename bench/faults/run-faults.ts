// `npm run faults [-- --batches=5 --records=20000 --rate=300]`: several batches send at once to
// receivers that misbehave while the worker is killed twice, the Temporal dev server restarts,
// PostgreSQL drops every session of the Sluice database and refuses new ones for 5 s (it is a
// shared system service here, so it is not restarted) and the API restarts under its socket
// subscribers. Then every invariant is checked; the report is printed and written to
// bench/results/ and docs/performance.md. Exits 1 if any invariant fails. Loopback only.
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { Client as PgClient } from 'pg';

import { isTerminalPhase } from '@sluice/shared';

import { runMigrations } from '../../apps/api/src/migrate';
import { buildWorkflowBundle } from '../../apps/temporal-worker/src/bundle-workflows';
import { ApiClient } from '../../tools/testing/api-client';
import { ApiProcess } from '../../tools/testing/api-process';
import { dropDatabaseSessions } from '../../tools/testing/postgres-outage';
import { RealtimeClient } from '../../tools/testing/realtime-client';
import { recreateDatabase, TemporalDevServer, TEST_ENV } from '../../tools/testing/test-services';
import { WebhookReceiver } from '../../tools/testing/webhook-receiver';
import { WorkerProcess } from '../../tools/testing/worker-process';
import { checkBatch, type FaultBatch } from './fault-checks';
import { writeReport, type FaultEvent } from './fault-report';
import { hashOf, MISBEHAVIOURS, ReceiverLedger } from './receiver-ledger';

const root = process.cwd();
const args = new Map(
  process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')) as [string, string][],
);
const BATCHES = Number(args.get('batches') ?? 5);
const RECORDS = Number(args.get('records') ?? 20_000);
const RATE = Number(args.get('rate') ?? 300);
const DEADLINE_MS = 45 * 60_000;

interface Services {
  env: Record<string, string>;
  temporal: TemporalDevServer;
  api: ApiProcess;
  worker: WorkerProcess;
  databaseUrl: string;
}

/** Faults in order, each when this share of the records has reached its receiver. */
const FAULTS: { at: number; name: string; inject: (services: Services) => Promise<string> }[] = [
  { at: 0.1, name: 'worker killed (SIGKILL) and restarted', inject: restartWorker },
  {
    at: 0.25,
    name: 'PostgreSQL down: sessions ended, new ones refused for 5 s',
    inject: async ({ databaseUrl }) =>
      `${await dropDatabaseSessions(databaseUrl, 5_000)} sessions ended`,
  },
  {
    at: 0.4,
    name: 'Temporal dev server restarted',
    inject: async ({ temporal }) => `${await timed(() => temporal.restart())} ms down`,
  },
  { at: 0.55, name: 'worker killed (SIGKILL) and restarted', inject: restartWorker },
  {
    at: 0.7,
    name: 'API killed (SIGKILL) and restarted',
    inject: async ({ api }) => `${await timed(() => api.restart())} ms down`,
  },
];

async function main(): Promise<number> {
  const databaseUrl =
    process.env['FAULTS_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/sluice_faults';
  const tmp = join(root, 'tmp/faults');
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await recreateDatabase(databaseUrl);
  await runMigrations(databaseUrl);
  const bundle = join(tmp, 'workflow-bundle.js');
  await buildWorkflowBundle(bundle, root);
  // scripts/faults.sh compiled the API and the worker here along with this script.
  const dist = join(root, 'tmp/faults-dist');
  process.env[TEST_ENV.workerEntry] = join(dist, 'apps/temporal-worker/src/main.js');
  const temporal = await TemporalDevServer.start(process.env['TEMPORAL_CLI_PATH'] ?? 'temporal', [
    ...['--db-filename', join(tmp, 'temporal.db')],
  ]);
  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `faults-${randomBytes(4).toString('hex')}`,
    SLUICE_DATA_DIR: join(tmp, 'data'),
    SLUICE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SLUICE_ALLOWED_TARGETS: '127.0.0.1/32',
    WORKER_WORKFLOW_BUNDLE: bundle,
    WORKER_SHUTDOWN_GRACE_MS: '1000',
    LOG_LEVEL: 'warn',
  };
  const token = randomBytes(24).toString('base64url');
  const apiEntry = join(dist, 'apps/api/src/main.js');
  const services: Services = {
    env,
    temporal,
    databaseUrl,
    api: await ApiProcess.start(env, token, apiEntry),
    worker: await WorkerProcess.start(env),
  };
  const batches: FaultBatch[] = [];
  try {
    return await run(services, batches);
  } finally {
    batches.forEach((batch) => batch.subscriber.close());
    await Promise.all(batches.map((batch) => batch.receiver.stop()));
    await services.worker.kill();
    await services.api.kill();
    await temporal.stop();
  }
}

async function run(services: Services, batches: FaultBatch[]): Promise<number> {
  const http = new ApiClient(services.api);
  const uploaded = await Promise.all(
    Array.from({ length: BATCHES }, (_, index) =>
      http.upload(`faults-${index + 1}.csv`, csvOf(index + 1, RECORDS)),
    ),
  );
  for (const [index, batch] of uploaded.entries()) {
    const misbehaviour = MISBEHAVIOURS[index % MISBEHAVIOURS.length];
    const ledger = new ReceiverLedger((webhookId, attempt) =>
      misbehaviour.answer(hashOf(webhookId), attempt),
    );
    const receiver = await new WebhookReceiver({ keepBodies: false }).start();
    receiver.behaviour = ledger.behaviour;
    ledger.isAcknowledged = (webhookId) => receiver.acknowledged.has(webhookId);
    await http.waitForPhase(batch.id, ['awaiting_approval'], 120_000);
    const subscriber = await RealtimeClient.connect(services.api);
    await subscriber.watch(batch.id);
    batches.push({
      number: index + 1,
      batchId: batch.id,
      behaviour: misbehaviour.name,
      receiver,
      ledger,
      subscriber,
    });
  }
  const startedAt = Date.now();
  await Promise.all(
    batches.map((batch) =>
      http.request('POST', `/api/batches/${batch.batchId}/approve`, {
        url: batch.receiver.url,
        ratePerSecond: RATE,
        concurrency: 32,
        timeoutMs: 1_000,
        maxAttempts: 4,
        backoffBaseMs: 200,
        backoffCapMs: 2_000,
        autoPauseFailureRatio: 1,
        autoPauseConsecutiveFailures: 0,
      }),
    ),
  );
  const timeline = await injectFaults(services, batches, http, startedAt);
  await waitForTerminal(http, batches, startedAt);
  const sendingSeconds = (Date.now() - startedAt) / 1_000;
  await waitForFinalEvents(batches);

  const db = new PgClient({ connectionString: services.databaseUrl });
  await db.connect();
  try {
    const checks = [];
    for (const batch of batches) checks.push(await checkBatch(db, batch));
    const failures = await writeReport({ root, checks, timeline, sendingSeconds, RECORDS });
    return failures === 0 ? 0 : 1;
  } finally {
    await db.end();
  }
}

async function injectFaults(
  services: Services,
  batches: FaultBatch[],
  http: ApiClient,
  startedAt: number,
): Promise<FaultEvent[]> {
  const total = batches.length * RECORDS;
  const timeline: FaultEvent[] = [];
  for (const fault of FAULTS) {
    await until(() => reached(batches) >= fault.at * total, DEADLINE_MS);
    const sending = await countSending(http, batches);
    const atSeconds = (Date.now() - startedAt) / 1_000;
    const share = reached(batches) / total;
    const detail = await fault.inject(services);
    timeline.push({ atSeconds, name: fault.name, detail, share, batchesSending: sending });
    process.stdout.write(`${atSeconds.toFixed(1)} s  ${fault.name}: ${detail}\n`);
  }

  return timeline;
}

function reached(batches: FaultBatch[]): number {
  return batches.reduce((sum, batch) => sum + batch.ledger.uniqueIds, 0);
}

async function countSending(http: ApiClient, batches: FaultBatch[]): Promise<number> {
  const phases = await Promise.all(
    batches.map((batch) => http.getBatch(batch.batchId).then((view) => view.phase)),
  );

  return phases.filter((phase) => phase === 'sending').length;
}

async function restartWorker(services: Services): Promise<string> {
  const ms = await timed(async () => {
    await services.worker.kill('SIGKILL');
    services.worker = await WorkerProcess.start(services.env);
  });

  return `${ms} ms until a new worker polled`;
}

async function waitForTerminal(http: ApiClient, batches: FaultBatch[], startedAt: number) {
  let reportedAt = 0;
  await until(async () => {
    // The API may be restarting: a refused poll just means asking again.
    const views = await Promise.all(batches.map((batch) => http.getBatch(batch.batchId)));
    const done = views.filter((view) => isTerminalPhase(view.phase)).length;
    if (Date.now() - reportedAt > 10_000) {
      reportedAt = Date.now();
      process.stdout.write(
        `${((Date.now() - startedAt) / 1_000).toFixed(1)} s  ${done}/${batches.length} batches ` +
          `done, ${reached(batches)} records reached their receivers\n`,
      );
    }
    return done === batches.length;
  }, DEADLINE_MS);
}

/** Every subscriber's last snapshot should be terminal soon after the batches end. */
async function waitForFinalEvents(batches: FaultBatch[]) {
  const isFinal = (batch: FaultBatch) =>
    batch.subscriber.received.some((message) =>
      isTerminalPhase(message.payload?.snapshot?.phase ?? 'sending'),
    );
  await until(() => batches.every(isFinal), 30_000).catch(() => undefined);
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const isMet = await Promise.resolve()
      .then(check)
      .catch(() => false);
    if (isMet) return;
    if (Date.now() > deadline) throw new Error('Gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function timed(step: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await step();

  return Date.now() - started;
}

/** Ids unique across batches, so a record can never be mistaken for another batch's. */
function csvOf(batchNumber: number, count: number): string {
  const lines = ['id,name,email,amount'];
  for (let index = 1; index <= count; index += 1) {
    const id = `${batchNumber}-${index}`;
    lines.push(`${id},Person ${id},person-${id}@example.test,${(index * 1.25).toFixed(2)}`);
  }

  return `${lines.join('\n')}\n`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Fault run failed: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
