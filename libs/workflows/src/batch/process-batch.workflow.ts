import {
  ActivityCancellationType,
  allHandlersFinished,
  CancellationScope,
  condition,
  ContinueAsNew,
  continueAsNew,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';

import { isTerminalPhase, type BatchPhase, type DeliverySettings } from '@sluice/shared';

import type { BatchActivities, FinalCounts, FormatChoice, SeqRange } from '../activity-contracts';
import {
  approveBatchUpdate,
  batchControlStateQuery,
  cancelBatchUpdate,
  pauseBatchUpdate,
  reconfigureBatchUpdate,
  reparseBatchUpdate,
  resumeBatchUpdate,
  type ApproveBatchInput,
  type BatchControlState,
  type ProcessBatchInput,
} from '../definitions';
import { BOOKKEEPING_RETRY, CHUNK_RETRY, PARSE_RETRY } from '../retry-policies';
import { BATCH_ID_SEARCH_ATTRIBUTE, BATCH_PHASE_SEARCH_ATTRIBUTE } from '../search-attributes';
import {
  mergeLiveSettings,
  refuseUnless,
  unreadableWith,
  validateApproval,
  validateReparse,
} from './control-rules';
import { sendRanges } from './send-ranges';

/** Patch that stopped continue-as-new from storing the phase `failed` on its way out. */
const CONTINUE_AS_NEW_KEEPS_PHASE = 'continue-as-new-keeps-phase';

/** How long a parsed batch waits for an operator before it is discarded. */
export const APPROVAL_TIMEOUT = '7 days';
const NO_RECORDS = 'The file has no records to send';

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
// Cancelling waits for chunks to confirm, so a cancel answer means no request starts after it.
// No eager dispatch: it would hand every chunk to the worker that ran the workflow task, so a
// batch would send from one worker however many share the task queue.
const { deliverChunk } = proxyActivities<BatchActivities>({
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '10 seconds',
  retry: CHUNK_RETRY,
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  allowEagerDispatch: false,
});

/** Result of a batch's run; the counts are read from PostgreSQL. */
export interface ProcessBatchResult {
  phase: BatchPhase;
  counts: FinalCounts | null;
}

/**
 * One batch from upload to the last delivery: parse, wait for approval, send in chunks, and
 * later, as new runs, retry passes over failed deliveries. Records never pass through here.
 */
export async function processBatchWorkflow(input: ProcessBatchInput): Promise<ProcessBatchResult> {
  const { batchId } = input;
  const resume = input.resume;
  const state: BatchControlState = {
    phase: resume ? (resume.pauseReason ? 'paused' : 'sending') : 'parsing',
    settings: resume?.settings ?? null,
    recordCount: resume?.recordCount ?? 0,
    passNumber: resume?.passNumber ?? input.retryPass?.passNumber ?? 1,
    pauseReason: resume?.pauseReason ?? null,
  };
  let approval: ApproveBatchInput | undefined;
  let endpointConfigId = resume?.endpointConfigId ?? '';
  let ranges: SeqRange[] = resume?.ranges ?? [];
  let counts: FinalCounts | null = null;
  let version = 0;
  const work = new CancellationScope();
  // Validators read `state.phase` (changed first); update answers wait for `storedPhase`, so
  // an API that reads PostgreSQL right after an answer sees the phase the answer implies.
  let storedPhase: BatchPhase | undefined = resume ? state.phase : undefined;
  let controlQueue: Promise<void> = Promise.resolve();
  // Phase and control writes keep their order; one that failed does not block the next.
  const inOrder = (step: () => Promise<void>) =>
    (controlQueue = controlQueue.catch(() => undefined).then(step));

  const enterPhase = (phase: BatchPhase, reason: string | null = null) =>
    inOrder(async () => {
      state.phase = phase;
      upsertSearchAttributes([
        { key: BATCH_ID_SEARCH_ATTRIBUTE, value: batchId },
        { key: BATCH_PHASE_SEARCH_ATTRIBUTE, value: phase },
      ]);
      await bookkeeping.recordBatchPhase({ batchId, phase, reason });
      storedPhase = phase;
    });
  const applyControl = (control: 'run' | 'pause' | 'stop') =>
    inOrder(() => {
      const { ratePerSecond, concurrency, recordsPerRequest } = state.settings as DeliverySettings;
      const settings = { ratePerSecond, concurrency, recordsPerRequest };
      return bookkeeping.setLiveControl({ batchId, settings, control });
    });
  const pause = async (reason: string) => {
    state.pauseReason = reason;
    state.phase = 'paused';
    version += 1;
    await applyControl('pause');
    await enterPhase('paused', reason);
  };

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
    pauseBatchUpdate,
    async () => {
      await pause('Paused by an operator');
      return state;
    },
    { validator: () => refuseUnless(state.phase === 'sending', `the batch is ${state.phase}`) },
  );
  setHandler(
    resumeBatchUpdate,
    async () => {
      state.pauseReason = null;
      state.phase = 'sending';
      await applyControl('run');
      await enterPhase('sending');
      version += 1;
      return state;
    },
    { validator: () => refuseUnless(state.phase === 'paused', `the batch is ${state.phase}`) },
  );
  setHandler(
    reconfigureBatchUpdate,
    async (patch) => {
      state.settings = mergeLiveSettings(state, patch);
      await applyControl(state.pauseReason ? 'pause' : 'run');
      version += 1;
      return state;
    },
    { validator: (patch) => void mergeLiveSettings(state, patch) },
  );
  // Runs beside the main function, which keeps waiting for approval; no command of the
  // first parse moves, so histories recorded before this handler existed replay unchanged.
  // LIMITATION: the approval expiry keeps counting from the first parse; a re-read does not
  // restart it, since that would mean a new timer in the main function's sequence.
  // The answer comes once the file is known to be readable that way and the re-read has
  // begun; its progress then shows like the first parse's.
  setHandler(
    reparseBatchUpdate,
    async (choice) => {
      state.phase = 'parsing';
      try {
        await work.run(() => bookkeeping.checkFileFormat({ batchId, format: choice }));
      } catch (error) {
        if (isCancellation(error)) return state;
        state.phase = 'awaiting_approval';
        throw unreadableWith(describeFailure(error));
      }
      await enterPhase('parsing');
      // Not awaited: the answer must not wait for a long parse. `reparse` handles its own
      // failures; what is left is the cancellation that the main function already records.
      void work.run(() => reparse(choice)).catch(() => undefined);
      return state;
    },
    { validator: (choice) => validateReparse(state, approval, choice) },
  );
  setHandler(
    cancelBatchUpdate,
    async () => {
      if (state.settings) await applyControl('stop');
      work.cancel();
      await condition(() => storedPhase !== undefined && isTerminalPhase(storedPhase));
      return state;
    },
    { validator: () => refuseUnless(!isTerminalPhase(state.phase), 'the batch has ended') },
  );

  try {
    await work.run(async () => {
      if (!resume && !(await prepareSending())) return;
      const outcome = await sendRanges({
        ranges,
        settings: () => state.settings as DeliverySettings,
        isPaused: () => state.pauseReason !== null,
        version: () => version,
        startChunk: (chunk) => deliverChunk({ ...chunk, batchId, endpointConfigId }),
        onAutoPause: (reason) => void (state.pauseReason === null && pause(reason)),
      });
      if (outcome === 'continue') {
        await condition(allHandlersFinished);
        await continueAsNew<typeof processBatchWorkflow>({
          batchId,
          resume: {
            ...state,
            settings: state.settings as DeliverySettings,
            endpointConfigId,
            ranges,
          },
        });
      }
      counts = await bookkeeping.countOutcomes({ batchId });
      await enterPhase(counts.failed > 0 ? 'completed_with_failures' : 'completed');
    });
  } catch (error) {
    // Continuing as new is how a long batch sheds its history, not a failure. Runs recorded
    // before this patch stored the phase `failed` here first; replaying them must do the same.
    if (error instanceof ContinueAsNew && patched(CONTINUE_AS_NEW_KEEPS_PHASE)) throw error;
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

  /**
   * Reads the file again as the operator chose, then awaits approval again. A file that turns
   * out unreadable part way leaves the batch with no records to approve and the reason shown.
   */
  async function reparse(choice: FormatChoice): Promise<void> {
    try {
      const parsed = await parseBatchFile({ batchId, format: choice });
      state.recordCount = parsed.recordCount;
      await enterPhase('awaiting_approval', parsed.recordCount === 0 ? NO_RECORDS : null);
    } catch (error) {
      // Cancelled by the operator: the main function ends the batch.
      if (isCancellation(error)) return;
      state.recordCount = 0;
      await enterPhase('awaiting_approval', describeFailure(error));
    }
  }

  /** Parses and waits for approval (first pass), or reopens failures (retry pass). */
  async function prepareSending(): Promise<boolean> {
    if (input.retryPass) {
      const setup = await bookkeeping.reopenFailed({ batchId, ...input.retryPass });
      ({ endpointConfigId, recordCount: state.recordCount } = setup);
      state.settings = setup.settings;
      log.info('Retry pass started', { passNumber: state.passNumber, reopened: setup.reopened });
    } else {
      await enterPhase('parsing');
      const parsed = await parseBatchFile({ batchId });
      state.recordCount = parsed.recordCount;
      if (parsed.recordCount === 0) {
        await enterPhase('failed', NO_RECORDS);
        return false;
      }
      await enterPhase('awaiting_approval');
      if (!(await condition(() => approval !== undefined, APPROVAL_TIMEOUT))) {
        await enterPhase('cancelled', 'Approval expired');
        return false;
      }
      const approved = approval as ApproveBatchInput;
      endpointConfigId = approved.endpointConfigId;
      state.settings = approved.settings;
      await bookkeeping.prepareDeliveries({ batchId, endpointConfigId });
      log.info('Batch approved', { recordCount: state.recordCount });
    }
    await applyControl('run');
    await enterPhase('sending');
    ranges = await bookkeeping.planRanges({ batchId });

    return true;
  }
}

/** Plain words for the phase reason; failure messages never carry record data. */
function describeFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : 'The batch failed';
}
