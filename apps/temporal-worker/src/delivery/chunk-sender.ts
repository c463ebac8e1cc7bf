import { setTimeout as sleep } from 'node:timers/promises';

import { ApplicationFailure, CancelledFailure } from '@temporalio/common';

import {
  BatchRepository,
  DeliveryRepository,
  EndpointConfigRepository,
  RateBucketRepository,
  type DeliveryOutcome,
  type OpenDelivery,
  type OpenedEndpointConfig,
} from '@sluice/persistence';
import {
  delayBeforeNextAttempt,
  isPermanentStatus,
  RecordPayloadWriter,
  WebhookClient,
  WebhookSigner,
  type AttemptResponse,
} from '@sluice/outbound';
import type { ChunkSummary, DeliverChunkInput } from '@sluice/workflows';

import type { WorkerMetrics } from '../metrics/worker-metrics';
import { FailureMonitor } from './failure-monitor';
import { LiveControlFollower } from './live-control';
import { OutcomeBuffer } from './outcome-buffer';
import { RateLimiter } from './rate-limiter';
import { BatchStoppedError, SendGate } from './send-gate';

/** What the chunk needs from the running activity: heartbeats and the cancellation signal. */
export interface ChunkContext {
  heartbeat(details: { finished: number }): void;
  signal: AbortSignal;
}

interface ChunkRun {
  input: DeliverChunkInput;
  endpoint: OpenedEndpointConfig;
  signer: WebhookSigner;
  payloads: RecordPayloadWriter;
  live: LiveControlFollower;
  gate: SendGate;
  limiter: RateLimiter;
  monitor: FailureMonitor;
  outcomes: OutcomeBuffer;
  abort: AbortController;
  autoPauseReason: string | null;
}

/**
 * Sends one chunk of a batch: paced to its share of the batch's live rate, within its share of
 * the concurrency, following pause and stop within a poll, retrying transient failures, and
 * saving every attempt to PostgreSQL in small bulk writes.
 */
export class ChunkSender {
  constructor(
    private readonly batches: BatchRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly endpointConfigs: EndpointConfigRepository,
    private readonly rateBuckets: RateBucketRepository,
    private readonly client: WebhookClient,
    private readonly metrics: WorkerMetrics,
  ) {}

  async deliverChunk(input: DeliverChunkInput, context: ChunkContext): Promise<ChunkSummary> {
    const run = await this.prepare(input, context);
    await this.deliveries.createInRange(input.batchId, input.fromSeq, input.toSeq);
    const open = await this.deliveries.findOpenInRange(input.batchId, input.fromSeq, input.toSeq);
    const groups = groupsOf(open, input.settings.recordsPerRequest);
    const following = run.live.follow();
    run.outcomes.start();

    let nextGroup = 0;
    let failure: { error: unknown; isStop: boolean } | undefined;
    const sendNext = async () => {
      try {
        while (nextGroup < groups.length && !run.abort.signal.aborted && !run.autoPauseReason) {
          await this.deliverGroup(run, groups[nextGroup++]);
        }
      } catch (error) {
        // An aborted wait or request, or a stop, is how cancellation reaches us; anything else
        // (a bug, PostgreSQL gone) fails the attempt. Either way every other lane stops too, so
        // no request leaves after this attempt has ended and its retry has begun.
        const isStop = error instanceof BatchStoppedError || run.abort.signal.aborted;
        failure ??= { error, isStop };
        run.abort.abort();
      }
    };
    try {
      const lanes = Math.min(groups.length, 256);
      await Promise.all(Array.from({ length: lanes }, sendNext));
      if (failure && !failure.isStop) throw failure.error;
    } finally {
      run.live.stop();
      await following;
      await run.outcomes.stop();
    }
    // Temporal's own cancellation is confirmed by throwing; a stop the workflow asked for
    // through the batch row ends the chunk normally, and the workflow is already cancelling.
    if (context.signal.aborted) throw new CancelledFailure('Chunk cancelled');
    const { autoPauseReason } = run;
    const isComplete = !autoPauseReason && run.live.control !== 'stop';

    return { ...run.outcomes.summary, isComplete, autoPauseReason };
  }

  private async prepare(input: DeliverChunkInput, context: ChunkContext): Promise<ChunkRun> {
    const endpoint = await this.endpointConfigs.open(input.endpointConfigId);
    const batch = await this.batches.findById(input.batchId);
    const liveControl = await this.batches.readLiveControl(input.batchId);
    if (!endpoint || !batch?.format || !liveControl) {
      throw ApplicationFailure.nonRetryable(
        `Endpoint config or file format of batch ${input.batchId} is missing`,
        'ENDPOINT_CONFIG_MISSING',
      );
    }
    const live = new LiveControlFollower(
      this.batches,
      input.batchId,
      input.parallelChunks,
      liveControl,
    );
    const abort = new AbortController();
    context.signal.addEventListener('abort', () => abort.abort(), { once: true });
    const gate = new SendGate(live);
    // Stop means no request starts and none stays in flight.
    live.onChange(() => live.control === 'stop' && abort.abort());
    const outcomes = new OutcomeBuffer(this.deliveries, input.batchId, context.heartbeat);

    return {
      input,
      endpoint,
      signer: new WebhookSigner(endpoint.secret),
      payloads: new RecordPayloadWriter(batch.format.columns),
      live,
      gate,
      limiter: new RateLimiter(this.rateBuckets, input.batchId),
      monitor: new FailureMonitor(input.settings),
      outcomes,
      abort,
      autoPauseReason: null,
    };
  }

  /** Attempts one request until it succeeds, fails for good, or runs out of attempts. */
  private async deliverGroup(run: ChunkRun, group: OpenDelivery[]): Promise<void> {
    const { settings } = run.input;
    const webhookId = group[0].deliveryId;
    const records = group.map((delivery) => delivery.fields);
    const body = run.payloads.body(records, settings.recordsPerRequest > 1);
    let attemptNumber = group[0].attemptCount;
    for (;;) {
      // Halted: the chunk paused itself, and this group waits for the pass after the resume.
      if (!(await run.gate.enter())) return;
      let response: AttemptResponse;
      try {
        await run.limiter.acquire(run.abort.signal);
        const timestamp = Math.floor(Date.now() / 1_000);
        response = await this.client.send(
          {
            url: run.endpoint.url,
            headers: {
              ...run.endpoint.headers,
              'webhook-id': webhookId,
              'webhook-timestamp': String(timestamp),
              'webhook-signature': run.signer.sign(webhookId, timestamp, body),
            },
            body,
            timeoutMs: settings.timeoutMs,
          },
          run.abort.signal,
        );
      } finally {
        run.gate.leave();
      }
      attemptNumber += 1;
      const outcome = classify(response, attemptNumber, settings);
      run.outcomes.add(group, { attemptNumber, ...attemptFields(response) }, outcome);
      this.metrics.attemptFinished(outcome.status, attemptNumber, group.length);
      this.watchFailures(run, outcome.status !== 'succeeded');
      if (outcome.status !== 'retrying') return;
      const delayMs = delayBeforeNextAttempt(attemptNumber, response.retryAfterMs, settings);
      await sleep(delayMs, undefined, { signal: run.abort.signal });
      if (run.autoPauseReason) return;
    }
  }

  /** Trips the batch into a pause when failures pile up; every chunk sees it within a poll. */
  private watchFailures(run: ChunkRun, isFailure: boolean): void {
    const reason = run.monitor.record(isFailure);
    if (!reason || run.autoPauseReason) return;
    run.autoPauseReason = reason;
    // At once for this chunk: the other chunks see the pause when they next read the control.
    run.gate.halt();
    void this.batches.setControl(run.input.batchId, 'pause').catch(() => undefined);
  }
}

function classify(
  response: AttemptResponse,
  attemptNumber: number,
  settings: DeliverChunkInput['settings'],
): Pick<DeliveryOutcome, 'status' | 'errorMessage'> {
  if (response.errorCode === null) return { status: 'succeeded', errorMessage: null };
  const isPermanent =
    !response.isRetryable ||
    (response.statusCode !== null &&
      isPermanentStatus(response.statusCode, settings.permanentStatusCodes));
  if (!isPermanent && attemptNumber < settings.maxAttempts) {
    return { status: 'retrying', errorMessage: describeFailure(response, settings.timeoutMs) };
  }

  return { status: 'failed', errorMessage: describeFailure(response, settings.timeoutMs) };
}

function groupsOf(open: OpenDelivery[], size: number): OpenDelivery[][] {
  const groups: OpenDelivery[][] = [];
  for (let start = 0; start < open.length; start += size) {
    groups.push(open.slice(start, start + size));
  }

  return groups;
}

function attemptFields(response: AttemptResponse) {
  return {
    startedAt: response.startedAt,
    durationMs: response.durationMs,
    statusCode: response.statusCode,
    errorCode: response.errorCode,
    responseExcerpt: response.responseExcerpt,
  };
}

function describeFailure(response: AttemptResponse, timeoutMs: number): string {
  if (response.errorCode === 'TIMEOUT') return `No answer within ${timeoutMs} ms`;
  if (response.errorCode === 'ADDRESS_REFUSED') {
    return 'The endpoint resolves to an address Sluice refuses (private or loopback)';
  }
  if (response.statusCode === null) return 'Connection to the endpoint failed';

  return `Endpoint answered with status ${response.statusCode}`;
}
