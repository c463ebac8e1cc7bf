import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';

import {
  isTerminalPhase,
  validateDeliverySettings,
  type BatchPhase,
  type DeliverySettings,
} from '@sluice/shared';

import type { BatchActivities, FinalCounts } from '../activity-contracts';
import {
  approveBatchUpdate,
  batchControlStateQuery,
  cancelBatchUpdate,
  UPDATE_REFUSAL_TYPES,
  type ApproveBatchInput,
  type BatchControlState,
  type ProcessBatchInput,
  type SendingState,
} from '../definitions';
import { BOOKKEEPING_RETRY, CHUNK_RETRY, PARSE_RETRY } from '../retry-policies';
import { BATCH_ID_SEARCH_ATTRIBUTE, BATCH_PHASE_SEARCH_ATTRIBUTE } from '../search-attributes';
import { chunksLeft, chunkShare, nextChunk, parallelChunks } from './chunk-plan';

/** How long a parsed batch waits for an operator before it is discarded. */
export const APPROVAL_TIMEOUT = '7 days';

const bookkeeping = proxyActivities<BatchActivities>({
  startToCloseTimeout: '1 minute',
  retry: BOOKKEEPING_RETRY,
});

// Long start-to-close limits because a slow rate can make one chunk run for hours; the
// heartbeat timeout is what notices a dead worker.
const { parseBatchFile } = proxyActivities<BatchActivities>({
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '30 seconds',
  retry: PARSE_RETRY,
});
const { deliverChunk } = proxyActivities<BatchActivities>({
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '30 seconds',
  retry: CHUNK_RETRY,
});

/** Result of a batch's last run; the counts are read from PostgreSQL. */
export interface ProcessBatchResult {
  phase: BatchPhase;
  counts: FinalCounts | null;
}

/**
 * One batch from upload to the last delivery: parse, wait for approval, send in chunks.
 * Records never pass through here; only ids, counts and settings do.
 */
export async function processBatchWorkflow(input: ProcessBatchInput): Promise<ProcessBatchResult> {
  const { batchId } = input;
  const state: BatchControlState = {
    phase: input.resume ? 'sending' : 'parsing',
    settings: input.resume?.settings ?? null,
    recordCount: input.resume?.recordCount ?? 0,
    nextSeq: input.resume?.nextSeq ?? 1,
  };
  let approval: ApproveBatchInput | undefined;
  let endpointConfigId = input.resume?.endpointConfigId;
  let counts: FinalCounts | null = null;
  const work = new CancellationScope();
  // Validators read `state.phase` (changed first); update answers wait for `storedPhase`, so
  // an API that reads PostgreSQL right after an answer sees the phase the answer implies.
  let storedPhase: BatchPhase | undefined;

  async function enterPhase(phase: BatchPhase, reason: string | null = null): Promise<void> {
    state.phase = phase;
    upsertSearchAttributes([
      { key: BATCH_ID_SEARCH_ATTRIBUTE, value: batchId },
      { key: BATCH_PHASE_SEARCH_ATTRIBUTE, value: phase },
    ]);
    await bookkeeping.recordBatchPhase({ batchId, phase, reason });
    storedPhase = phase;
  }

  setHandler(batchControlStateQuery, () => state);
  setHandler(
    approveBatchUpdate,
    async (approvalInput) => {
      approval = approvalInput;
      await condition(() => storedPhase !== undefined && storedPhase !== 'awaiting_approval');
      return state;
    },
    { validator: (approvalInput) => validateApproval(state, approval, approvalInput) },
  );
  setHandler(
    cancelBatchUpdate,
    async () => {
      work.cancel();
      await condition(() => storedPhase !== undefined && isTerminalPhase(storedPhase));
      return state;
    },
    { validator: () => refuseUnless(!isTerminalPhase(state.phase), 'the batch has ended') },
  );

  try {
    await work.run(async () => {
      if (!input.resume) {
        const outcome = await parseAndAwaitApproval();
        if (outcome === 'stopped') return;
      }
      if (await sendAllChunks()) return;
      counts = await bookkeeping.countOutcomes({ batchId });
      await enterPhase(counts.failed > 0 ? 'completed_with_failures' : 'completed');
    });
  } catch (error) {
    if (!isCancellation(error)) {
      await CancellationScope.nonCancellable(() => enterPhase('failed', describeFailure(error)));
      throw error;
    }
    await CancellationScope.nonCancellable(async () => {
      await enterPhase('cancelled', 'Cancelled by an operator');
      counts = await bookkeeping.countOutcomes({ batchId });
    });
    await condition(allHandlersFinished);
    // A cancellation requested through Temporal itself (not our update) ends the run as
    // cancelled; one requested through the update ends it normally with the cancelled phase.
    if (CancellationScope.current().consideredCancelled) throw error;
  }

  await condition(allHandlersFinished);
  return { phase: state.phase, counts };

  async function parseAndAwaitApproval(): Promise<'approved' | 'stopped'> {
    await enterPhase('parsing');
    const parsed = await parseBatchFile({ batchId });
    state.recordCount = parsed.recordCount;
    if (parsed.recordCount === 0) {
      await enterPhase('failed', 'The file has no records to send');
      return 'stopped';
    }
    await enterPhase('awaiting_approval');
    if (!(await condition(() => approval !== undefined, APPROVAL_TIMEOUT))) {
      await enterPhase('cancelled', 'Approval expired');
      return 'stopped';
    }
    const approved = approval as ApproveBatchInput;
    endpointConfigId = approved.endpointConfigId;
    state.settings = approved.settings;
    await enterPhase('sending');
    await bookkeeping.prepareDeliveries({ batchId, endpointConfigId });
    log.info('Batch approved', { recordCount: state.recordCount });

    return 'approved';
  }

  /** Sends chunk after chunk; returns true when the run continues as new instead. */
  async function sendAllChunks(): Promise<boolean> {
    const running = new Set<Promise<void>>();
    // Chunk failures are kept rather than left to reject, so no sibling's rejection goes
    // unobserved (an unhandled rejection would fail the workflow task, not the batch).
    let failure: unknown;
    for (;;) {
      const settings = state.settings as DeliverySettings;
      for (;;) {
        const left = chunksLeft(state.nextSeq, state.recordCount);
        const parallel = parallelChunks(settings, running.size + left);
        const range = nextChunk(state.nextSeq, state.recordCount);
        if (!range || running.size >= parallel) break;
        state.nextSeq = range.toSeq + 1;
        const chunk = deliverChunk({
          batchId,
          endpointConfigId: endpointConfigId as string,
          ...range,
          settings: chunkShare(settings, parallel),
        }).then(
          () => void running.delete(chunk),
          (error: unknown) => {
            running.delete(chunk);
            failure ??= error;
          },
        );
        running.add(chunk);
      }
      if (running.size === 0) return false;
      await Promise.race(running);
      if (failure !== undefined) throw failure;
      if (workflowInfo().continueAsNewSuggested) {
        await Promise.all(running);
        if (failure !== undefined) throw failure;
        await condition(allHandlersFinished);
        const resume: SendingState = {
          endpointConfigId: endpointConfigId as string,
          settings,
          recordCount: state.recordCount,
          nextSeq: state.nextSeq,
        };
        await continueAsNew<typeof processBatchWorkflow>({ batchId, resume });
      }
    }
  }
}

function validateApproval(
  state: BatchControlState,
  pending: ApproveBatchInput | undefined,
  input: ApproveBatchInput,
): void {
  refuseUnless(
    state.phase === 'awaiting_approval' && pending === undefined,
    `the batch is ${state.phase.replace(/_/g, ' ')}, not awaiting approval`,
  );
  const settings = validateDeliverySettings(input?.settings ?? {});
  if (typeof input?.endpointConfigId !== 'string' || settings.issues.length > 0) {
    throw ApplicationFailure.create({
      type: UPDATE_REFUSAL_TYPES.invalidSettings,
      message: 'Approval settings are invalid',
      details: [settings.issues],
      nonRetryable: true,
    });
  }
}

function refuseUnless(isAllowed: boolean, why: string): void {
  if (isAllowed) return;
  throw ApplicationFailure.create({
    type: UPDATE_REFUSAL_TYPES.phaseConflict,
    message: `Refused because ${why}`,
    nonRetryable: true,
  });
}

/** Plain words for the phase reason; failure messages never carry record data. */
function describeFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : 'The batch failed';
}
