// `npm run record-histories`: runs the batch workflow through its main paths on a real dev
// server and stores each run's history under libs/workflows/test/histories/, where the replay
// test checks current workflow code against them. Record values, header values and the endpoint
// URL are canaries that must not appear in any fixture.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { batchWorkflowId } from '@sluice/shared';

import { buildWorkflowBundle } from '../../apps/temporal-worker/src/bundle-workflows';
import { historyToJson } from '../../apps/temporal-worker/src/replay/history-json';
import { ApiClient } from './api-client';
import { startSluiceStack, type SluiceStack } from './sluice-stack';
import { recreateDatabase, TemporalDevServer, TEST_ENV } from './test-services';
import { waitUntil } from './wait-until';
import { WebhookReceiver } from './webhook-receiver';

const root = process.cwd();
const OUT_DIR = join(root, 'libs/workflows/test/histories');
const CANARY = `canary-${randomUUID()}`;
const SECRET_PATH = `/secret-${randomUUID()}`;
const HEADER_SECRET = `token-${randomUUID()}`;

/** One scenario: drives a batch, and returns the batch id whose runs are recorded. */
type Scenario = (context: ScenarioContext) => Promise<string>;

interface ScenarioContext {
  api: ApiClient;
  receiver: WebhookReceiver;
}

function csv(count: number): string {
  const rows = Array.from({ length: count }, (_, i) => `${i + 1},${CANARY}-${i + 1}@example.test`);

  return `id,email\n${rows.join('\n')}\n`;
}

async function approved({ api, receiver }: ScenarioContext, count: number, rate: number) {
  const batch = await api.upload('histories.csv', csv(count));
  await api.waitForPhase(batch.id, ['awaiting_approval']);
  const answer = await api.request('POST', `/api/batches/${batch.id}/approve`, {
    url: `${receiver.url}${SECRET_PATH}`,
    headers: { authorization: `Bearer ${HEADER_SECRET}` },
    ratePerSecond: rate,
    maxAttempts: 2,
    backoffBaseMs: 50,
  });
  if (answer.status !== 200) throw new Error(`Approval answered ${answer.status}`);

  return batch.id;
}

const SCENARIOS: Record<string, Scenario> = {
  async completed(context) {
    const batchId = await approved(context, 50, 1_000);
    await context.api.waitForPhase(batchId, ['completed']);
    return batchId;
  },

  async 'paused-resumed'(context) {
    const start = context.receiver.received.length;
    const batchId = await approved(context, 200, 40);
    await waitUntil(() => context.receiver.received.length - start >= 20);
    await context.api.request('POST', `/api/batches/${batchId}/pause`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await context.api.request('PATCH', `/api/batches/${batchId}/config`, { ratePerSecond: 400 });
    await context.api.request('POST', `/api/batches/${batchId}/resume`);
    await context.api.waitForPhase(batchId, ['completed']);
    return batchId;
  },

  async 'cancelled-awaiting-approval'({ api }) {
    const batch = await api.upload('histories.csv', csv(20));
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    await api.request('POST', `/api/batches/${batch.id}/cancel`);
    await api.waitForPhase(batch.id, ['cancelled']);
    return batch.id;
  },

  async 'cancelled-sending'(context) {
    const start = context.receiver.received.length;
    const batchId = await approved(context, 400, 40);
    await waitUntil(() => context.receiver.received.length - start >= 20);
    await context.api.request('POST', `/api/batches/${batchId}/cancel`);
    await context.api.waitForPhase(batchId, ['cancelled']);
    return batchId;
  },

  async 'retry-failed'(context) {
    // Every fifth record is refused for good, then accepted on the retry pass.
    let isRefusing = true;
    context.receiver.behaviour = (webhook) => {
      const id = Number(JSON.parse(webhook.body).id);
      return { status: isRefusing && id % 5 === 0 ? 422 : 204 };
    };
    const batchId = await approved(context, 50, 1_000);
    await context.api.waitForPhase(batchId, ['completed_with_failures']);
    isRefusing = false;
    const answer = await context.api.request('POST', `/api/batches/${batchId}/retry-failed`, {});
    if (answer.status !== 200) throw new Error(`Retry answered ${answer.status}`);
    await context.api.waitForPhase(batchId, ['completed']);
    context.receiver.behaviour = () => ({ status: 204 });
    return batchId;
  },
};

/** Runs of one batch oldest first: continue-as-new and retry passes make several. */
async function recordRuns(stack: SluiceStack, name: string, batchId: string) {
  const workflowId = batchWorkflowId(batchId);
  const runs = [];
  for await (const run of stack.temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    runs.push(run);
  }
  runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  for (const [index, run] of runs.entries()) {
    const history = await stack.temporal.workflow.getHandle(workflowId, run.runId).fetchHistory();
    const json = JSON.stringify(historyToJson(history), null, 1);
    const decoded = json + decodePayloads(json);
    for (const secret of [CANARY, SECRET_PATH, HEADER_SECRET]) {
      if (decoded.includes(secret)) throw new Error(`History of ${name} holds a secret`);
    }
    const file = runs.length > 1 ? `${name}.run-${index + 1}.json` : `${name}.json`;
    await writeFile(join(OUT_DIR, file), `${json}\n`);
    process.stdout.write(`Recorded ${file}: ${history.events?.length ?? 0} events\n`);
  }
}

/** Every base64 payload of a history as text, so the canary check sees inside them. */
function decodePayloads(json: string): string {
  const base64 = json.match(/"data":\s*"([A-Za-z0-9+/=]+)"/g) ?? [];

  return base64.map((field) => Buffer.from(field.split('"')[3], 'base64').toString()).join('\n');
}

async function withStack(
  temporal: TemporalDevServer,
  run: (stack: SluiceStack, context: ScenarioContext) => Promise<void>,
  workerEnv: Record<string, string> = {},
) {
  const stack = await startSluiceStack({ temporalAddress: temporal.address, workerEnv });
  const receiver = await new WebhookReceiver({ keepBodies: true }).start();
  try {
    await run(stack, { api: new ApiClient(stack), receiver });
  } finally {
    await receiver.stop();
    await stack.stop();
  }
}

async function main() {
  const cliPath = process.env['TEMPORAL_CLI_PATH'] ?? 'temporal';
  const databaseUrl =
    process.env['HISTORIES_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/sluice_histories';
  await recreateDatabase(databaseUrl);
  await mkdir(join(root, 'tmp'), { recursive: true });
  const bundle = join(root, 'tmp/histories-workflow-bundle.js');
  await buildWorkflowBundle(bundle, root);
  process.env[TEST_ENV.databaseUrl] = databaseUrl;
  process.env[TEST_ENV.workflowBundle] = bundle;
  await mkdir(OUT_DIR, { recursive: true });
  // Only the current release's files; subfolders hold earlier releases' histories.
  for (const file of await readdir(OUT_DIR)) {
    if (file.endsWith('.json')) await rm(join(OUT_DIR, file));
  }

  const server = await TemporalDevServer.start(cliPath);
  try {
    await withStack(server, async (stack, context) => {
      for (const [name, scenario] of Object.entries(SCENARIOS)) {
        await recordRuns(stack, name, await scenario(context));
      }
    });
  } finally {
    await server.stop();
  }
  // A low threshold makes the server suggest continue-as-new after a few chunks.
  const flag = ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=60'];
  const small = await TemporalDevServer.start(cliPath, flag);
  try {
    // Small chunks, so eight thousand records make enough history to continue as new.
    const smallChunks = { WORKER_CHUNK_SIZE: '1000' };
    await withStack(
      small,
      async (stack, context) => {
        const batchId = await approved(context, 8_000, 5_000);
        await context.api.waitForPhase(batchId, ['completed'], 180_000);
        await recordRuns(stack, 'continued-as-new', batchId);
      },
      smallChunks,
    );
  } finally {
    await small.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Recording failed: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
