import { randomUUID } from 'node:crypto';

import { batchWorkflowId } from '@sluice/shared';
import { BATCH_PHASE_SEARCH_ATTRIBUTE } from '@sluice/workflows';

import { ApiClient } from '../../../tools/testing/api-client';
import { decodedJson } from '../../../tools/testing/secret-scan';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';

describe('workflow history', () => {
  let stack: SluiceStack;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    stack = await startSluiceStack();
    receiver = await new WebhookReceiver().start();
  });

  afterAll(async () => {
    await receiver?.stop();
    await stack?.stop();
  });

  it('holds no record values, header values or endpoint URL of a finished batch', async () => {
    const api = new ApiClient(stack);
    const canary = `canary-${randomUUID()}`;
    const headerSecret = `secret-${randomUUID()}`;
    const csv = `id,email,note\n1,${canary}@example.test,${canary}-note\n2,b@example.test,plain\n`;
    const batch = await api.upload('canary.csv', csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    const secretPath = `/only-in-postgres-${randomUUID()}`;
    await api.request('POST', `/api/batches/${batch.id}/approve`, {
      url: `${receiver.url}${secretPath}`,
      headers: { authorization: `Bearer ${headerSecret}` },
      ratePerSecond: 50,
    });
    await api.waitForPhase(batch.id, ['completed']);

    const handle = stack.temporal.workflow.getHandle(batchWorkflowId(batch.id));
    const history = decodedJson(await handle.fetchHistory());
    const description = await handle.describe();

    expect(receiver.received.map((webhook) => webhook.body).join()).toContain(canary);
    // Inside a decoded payload (the workflow input), not just the workflow id.
    expect(history).toContain(`"batchId\\":\\"${batch.id}`);
    expect(history).not.toContain(canary);
    expect(history).not.toContain(headerSecret);
    expect(history).not.toContain(secretPath);
    expect(description.typedSearchAttributes.get(BATCH_PHASE_SEARCH_ATTRIBUTE)).toBe('completed');
  });
});
