import { setTimeout as sleep } from 'node:timers/promises';

import { ApplicationFailure, CancelledFailure } from '@temporalio/common';

import {
  BatchRepository,
  DeliveryRepository,
  EndpointConfigRepository,
  type AttemptResult,
  type DeliveryOutcome,
  type EndpointConfigEntity,
  type OpenDelivery,
} from '@sluice/persistence';
import type { DeliverySettings } from '@sluice/shared';
import type { ChunkSummary, DeliverChunkInput } from '@sluice/workflows';

import { Pacer } from './pacer';
import { delayBeforeNextAttempt } from './retry-schedule';
import { WebhookClient, type AttemptResponse } from './webhook-client';

const FLUSH_INTERVAL_MS = 500;

/** What the chunk needs from the running activity: heartbeats and the cancellation signal. */
export interface ChunkContext {
  heartbeat(details: { finished: number }): void;
  signal: AbortSignal;
}

interface ChunkRun {
  input: DeliverChunkInput;
  config: EndpointConfigEntity;
  columns: string[];
  settings: DeliverySettings;
  pacer: Pacer;
  signal: AbortSignal;
}

/**
 * Sends one chunk of a batch: paced to its share of the rate, with its share of concurrency,
 * retrying transient failures, and writing outcomes to PostgreSQL in small bulk writes.
 */
export class ChunkSender {
  constructor(
    private readonly batches: BatchRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly endpointConfigs: EndpointConfigRepository,
    private readonly client: WebhookClient,
  ) {}

  async deliverChunk(input: DeliverChunkInput, context: ChunkContext): Promise<ChunkSummary> {
    const run = await this.prepare(input, context.signal);
    const open = await this.deliveries.findOpenInRange(input.batchId, input.fromSeq, input.toSeq);
    const groups = groupsOf(open, run.settings.recordsPerRequest);
    const summary: ChunkSummary = { succeeded: 0, failed: 0 };
    const unsaved: DeliveryOutcome[] = [];
    let saving = Promise.resolve();
    const save = () => {
      saving = saving.then(async () => {
        const outcomes = unsaved.splice(0);
        await this.deliveries.saveOutcomes(input.batchId, outcomes);
        context.heartbeat({ finished: summary.succeeded + summary.failed });
      });
      return saving;
    };
    const timer = setInterval(() => void save().catch(() => undefined), FLUSH_INTERVAL_MS);

    let nextGroup = 0;
    const sendNext = async () => {
      while (nextGroup < groups.length && !run.signal.aborted) {
        const outcomes = await this.deliverGroup(run, groups[nextGroup++]);
        for (const outcome of outcomes) summary[outcome.status] += 1;
        unsaved.push(...outcomes);
      }
    };
    try {
      const lanes = Math.min(run.settings.concurrency, groups.length);
      await Promise.all(Array.from({ length: lanes }, sendNext));
    } catch (error) {
      // An aborted wait or request is how cancellation reaches us; anything else is a bug.
      if (!run.signal.aborted) throw error;
    } finally {
      clearInterval(timer);
      await save();
    }
    if (run.signal.aborted) throw new CancelledFailure('Chunk cancelled');

    return summary;
  }

  private async prepare(input: DeliverChunkInput, signal: AbortSignal): Promise<ChunkRun> {
    const config = await this.endpointConfigs.findById(input.endpointConfigId);
    const batch = await this.batches.findById(input.batchId);
    if (!config || !batch?.format) {
      throw ApplicationFailure.nonRetryable(
        `Endpoint config or file format of batch ${input.batchId} is missing`,
        'ENDPOINT_CONFIG_MISSING',
      );
    }
    const settings = input.settings;

    return {
      input,
      config,
      columns: batch.format.columns,
      settings,
      pacer: new Pacer(settings.ratePerSecond),
      signal,
    };
  }

  /** Attempts one request until it succeeds, fails for good, or runs out of attempts. */
  private async deliverGroup(run: ChunkRun, group: OpenDelivery[]): Promise<DeliveryOutcome[]> {
    const first = group[0];
    const payload = group.map((delivery) => recordPayload(run.columns, delivery.fields));
    const body = JSON.stringify(run.settings.recordsPerRequest === 1 ? payload[0] : payload);
    const attempts: AttemptResult[] = [];
    for (;;) {
      await run.pacer.waitForSlot(run.signal);
      const response = await this.client.send(
        {
          url: run.config.url,
          headers: {
            ...run.config.headers,
            'webhook-id': first.deliveryId,
            'webhook-timestamp': String(Math.floor(Date.now() / 1_000)),
          },
          body,
          timeoutMs: run.settings.timeoutMs,
        },
        run.signal,
      );
      const attemptNumber = first.attemptCount + attempts.length + 1;
      attempts.push({ attemptNumber, ...attemptFields(response) });
      const isLastAttempt = attemptNumber >= run.settings.maxAttempts;
      if (response.errorCode === null || !response.isRetryable || isLastAttempt) {
        const status = response.errorCode === null ? 'succeeded' : 'failed';
        const errorMessage = status === 'failed' ? describeFailure(response, run) : null;
        return group.map(({ deliveryId }) => ({ deliveryId, status, attempts, errorMessage }));
      }
      const delayMs = delayBeforeNextAttempt(attempts.length, response.retryAfterMs);
      await sleep(delayMs, undefined, { signal: run.signal });
    }
  }
}

function groupsOf(open: OpenDelivery[], size: number): OpenDelivery[][] {
  const groups: OpenDelivery[][] = [];
  for (let start = 0; start < open.length; start += size) {
    groups.push(open.slice(start, start + size));
  }

  return groups;
}

/** A record as its endpoint receives it: an object keyed by the CSV header. */
function recordPayload(columns: string[], fields: string[]): Record<string, string> {
  return Object.fromEntries(columns.map((column, index) => [column, fields[index] ?? '']));
}

function attemptFields(response: AttemptResponse): Omit<AttemptResult, 'attemptNumber'> {
  return {
    startedAt: response.startedAt,
    durationMs: response.durationMs,
    statusCode: response.statusCode,
    errorCode: response.errorCode,
    responseExcerpt: response.responseExcerpt,
  };
}

function describeFailure(response: AttemptResponse, run: ChunkRun): string {
  if (response.errorCode === 'TIMEOUT') {
    return `No answer within ${run.settings.timeoutMs} ms`;
  }
  if (response.statusCode === null) return 'Connection to the endpoint failed';

  return `Endpoint answered with status ${response.statusCode}`;
}
