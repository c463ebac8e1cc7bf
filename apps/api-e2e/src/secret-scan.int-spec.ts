import { randomBytes, randomUUID } from 'node:crypto';

import { ApiClient } from '../../../tools/testing/api-client';
import {
  allWorkflowHistories,
  findNeedles,
  type Needle,
  type ScanSource,
} from '../../../tools/testing/secret-scan';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { WorkerProcess } from '../../../tools/testing/worker-process';

const QUICK = { backoffBaseMs: 20, backoffCapMs: 100, ratePerSecond: 100, maxAttempts: 2 };

describe('secret scan of logs, workflow histories and API answers', () => {
  const apiLog: string[] = [];
  const answers: ScanSource[] = [];
  let stack: SluiceStack;
  let api: ApiClient;
  let worker: WorkerProcess;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    stack = await startSluiceStack({
      inProcessWorker: false,
      logLevel: 'debug',
      logDestination: { write: (line: string) => void apiLog.push(line) },
    });
    worker = await WorkerProcess.start(stack.workerEnv, { logLevel: 'debug', keepAllOutput: true });
    api = new ApiClient(stack);
    receiver = await new WebhookReceiver().start();
  });

  afterAll(async () => {
    await receiver?.stop();
    await worker?.kill('SIGTERM');
    await stack?.stop();
  });

  /** Calls the API and keeps the answer for the scan. */
  async function call(method: string, path: string, body?: unknown, token?: string) {
    const answer = await api.request(method, path, body, token);
    answers.push({
      name: `answer to ${method} ${path}`,
      text: JSON.stringify({ headers: [...answer.headers], body: answer.body }),
    });

    return answer;
  }

  it('finds no secret, Authorization value, API token or record value anywhere', async () => {
    const canary = randomBytes(6).toString('hex');
    const recordValues = [`mail-${canary}@example.test`, `name-${canary}`, `note-${canary}`];
    const headerValue = `Bearer partner-${canary}-${randomUUID()}`;
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const csv =
      'id,name,email,note\n' +
      `1,${recordValues[1]},${recordValues[0]},${recordValues[2]}\n` +
      `2,refused-${canary},refused-${canary}@example.test,permanent\n` +
      `3,"quoted, ${canary}",third-${canary}@example.test,"multi\nline ${canary}"\n` +
      'broken,"unbalanced\n';
    recordValues.push(`refused-${canary}`, `third-${canary}@example.test`);
    const triedOnce = new Set<string>();
    receiver.behaviour = ({ body, headers }) => {
      if (body.includes('permanent')) return { status: 400, body: `no ${canary}` };
      const id = String(headers['webhook-id']);
      if (!triedOnce.has(id)) {
        triedOnce.add(id);
        return { status: 503, body: `busy ${canary}` };
      }
      return { status: 204 };
    };

    const batch = await api.upload(`people-${canary}.csv`, csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    const endpoint = { url: receiver.url, headers: { Authorization: headerValue }, secret };
    await call('POST', `/api/batches/${batch.id}/test-request`, endpoint);
    const approval = await call('POST', `/api/batches/${batch.id}/approve`, {
      ...endpoint,
      ...QUICK,
    });
    await api.waitForPhase(batch.id, ['completed_with_failures']);
    receiver.behaviour = () => ({ status: 204 });
    await call('POST', `/api/batches/${batch.id}/retry-failed`, {});
    await api.waitForPhase(batch.id, ['completed']);
    await call('GET', `/api/batches/${batch.id}`);
    await call('GET', '/api/batches');
    const deliveries = await call('GET', `/api/batches/${batch.id}/deliveries`);
    for (const delivery of deliveries.body.items as { id: string }[]) {
      await call('GET', `/api/deliveries/${delivery.id}`);
    }
    await call('GET', '/api/batches', undefined, `wrong-${canary}`);
    const metrics = await fetch(`${stack.apiUrl}/metrics`, {
      headers: { authorization: `Bearer ${stack.token}` },
    });
    answers.push({ name: 'answer to GET /metrics', text: await metrics.text() });
    const histories = await allWorkflowHistories(stack.temporal);

    const secretNeedles: Needle[] = [
      { label: 'signing secret', value: secret },
      { label: 'secret key material', value: secret.slice('whsec_'.length) },
    ];
    const otherNeedles: Needle[] = [
      { label: 'Authorization value', value: headerValue },
      { label: 'API token', value: stack.token },
      { label: 'refused API token', value: `wrong-${canary}` },
      ...recordValues.map((value) => ({ label: `record value ${value}`, value })),
    ];
    const needles = [...secretNeedles, ...otherNeedles];
    const logs: ScanSource[] = [
      { name: 'API log', text: apiLog.join('') },
      { name: 'worker log', text: worker.log },
    ];
    const delivered = receiver.received.map((webhook) => JSON.stringify(webhook)).join('\n');
    expect(delivered).toContain(headerValue);
    expect(delivered).toContain(recordValues[0]);
    expect(approval.body.secret).toBe(secret);
    const approvedLine = apiLog
      .map((line) => JSON.parse(line))
      .find((line) => line.msg === 'Batch approved');
    expect(approvedLine?.correlationId).toBe(approval.headers.get('x-correlation-id'));
    const workerLines = worker.log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const lineOf = (msg: string) => workerLines.find((line) => line.msg === msg);
    // One JSON stream for Nest, the SDK, workflows (through sinks) and activities.
    expect(lineOf('Worker started')).toMatchObject({ service: 'worker' });
    expect(lineOf('Batch approved')).toMatchObject({ service: 'worker', sdkComponent: 'workflow' });
    expect(lineOf('Activity completed')).toMatchObject({
      service: 'worker',
      workflowId: `batch-${batch.id}`,
      activityType: expect.any(String),
    });
    const ownHistory = histories.find((history) => history.name.includes(batch.id));
    expect(ownHistory?.text).toContain(`\\"batchId\\":\\"${batch.id}\\"`);
    expect(findNeedles([...logs, ...histories, ...answers.slice(2)], needles)).toEqual([]);
    // The approval answer shows the secret once, by design; nothing else may be in it.
    expect(findNeedles(answers.slice(0, 2), otherNeedles)).toEqual([]);
  });
});
