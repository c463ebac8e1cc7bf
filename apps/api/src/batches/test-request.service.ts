import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import {
  generateWebhookSecret,
  RecordPayloadWriter,
  signWebhook,
  WebhookClient,
} from '@sluice/outbound';
import { RecordRepository } from '@sluice/persistence';
import {
  ConflictError,
  validateEndpointConfig,
  ValidationError,
  type TestRequestView,
} from '@sluice/shared';

import { BatchesService } from './batches.service';

/**
 * Sends the batch's first record once to a candidate endpoint, so an operator can check URL,
 * headers and signature before approving. Nothing is stored; the answer shows the outcome.
 */
@Injectable()
export class TestRequestService {
  constructor(
    private readonly batchesService: BatchesService,
    private readonly records: RecordRepository,
    private readonly client: WebhookClient,
  ) {}

  async send(batchId: string, body: unknown): Promise<TestRequestView> {
    const { value: endpoint, issues } = validateEndpointConfig(body);
    if (!endpoint) throw new ValidationError('The endpoint config is invalid', issues);
    const batch = await this.batchesService.find(batchId);
    const [first] = await this.records.page(batchId, 0, 1);
    if (!first || !batch.format) throw new ConflictError('Refused because no record is parsed yet');
    const payloads = new RecordPayloadWriter(batch.format.columns);
    const payloadText = payloads.body([first.fields], endpoint.recordsPerRequest > 1);
    const webhookId = `test_${randomUUID()}`;
    const timestamp = Math.floor(Date.now() / 1_000);
    const secret = endpoint.secret ?? generateWebhookSecret();
    const response = await this.client.send(
      {
        url: endpoint.url,
        headers: {
          ...endpoint.headers,
          'webhook-id': webhookId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, webhookId, timestamp, payloadText),
        },
        body: payloadText,
        timeoutMs: endpoint.timeoutMs,
      },
      AbortSignal.timeout(endpoint.timeoutMs + 1_000),
    );

    return {
      statusCode: response.statusCode,
      errorCode: response.errorCode,
      durationMs: response.durationMs,
      responseExcerpt: response.responseExcerpt,
    };
  }
}
