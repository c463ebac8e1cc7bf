import { defineQuery, defineUpdate } from '@temporalio/workflow';

import type { BatchConfigPatch, BatchPhase, DeliverySettings } from '@sluice/shared';

import type { FormatChoice, SeqRange } from './activity-contracts';

/** A pass over failed deliveries, started as a new run once the batch has ended. */
export interface RetryPassInput {
  passNumber: number;
  /** Only deliveries whose last error has one of these codes; null for every failure. */
  errorCodes: string[] | null;
}

/** Input of the batch workflow: ids only; `resume` carries compact state across runs. */
export interface ProcessBatchInput {
  batchId: string;
  retryPass?: RetryPassInput;
  resume?: SendingState;
}

/** What a run hands to the next one when it continues as new in the middle of sending. */
export interface SendingState {
  endpointConfigId: string;
  settings: DeliverySettings;
  recordCount: number;
  passNumber: number;
  /** Ranges of records not yet sent, in order. */
  ranges: SeqRange[];
  pauseReason: string | null;
}

/** Approval: the endpoint config (stored by the API) and the settings to send with. */
export interface ApproveBatchInput {
  endpointConfigId: string;
  settings: DeliverySettings;
}

/** Control state of a batch as the workflow sees it; counts live in PostgreSQL. */
export interface BatchControlState {
  phase: BatchPhase;
  settings: DeliverySettings | null;
  recordCount: number;
  passNumber: number;
  /** Why the batch is paused (an operator, or failures piling up); null when not paused. */
  pauseReason: string | null;
}

/** Approves a parsed batch for sending; refused unless the batch awaits approval. */
export const approveBatchUpdate = defineUpdate<BatchControlState, [ApproveBatchInput]>(
  'approveBatch',
);

/** Discards or stops a batch; refused once the batch has ended. Answers once it has stopped. */
export const cancelBatchUpdate = defineUpdate<BatchControlState, []>('cancelBatch');

/** Stops starting requests (those in flight finish); refused unless the batch is sending. */
export const pauseBatchUpdate = defineUpdate<BatchControlState, []>('pauseBatch');

/** Sends again after a pause; refused unless the batch is paused. */
export const resumeBatchUpdate = defineUpdate<BatchControlState, []>('resumeBatch');

/** Changes rate, concurrency or records per request while sending or paused. */
export const reconfigureBatchUpdate = defineUpdate<BatchControlState, [BatchConfigPatch]>(
  'reconfigureBatch',
);

/**
 * Reads the file again with another encoding and/or delimiter, replacing the batch's records
 * and parse errors; refused unless the batch awaits approval. Answers once it awaits approval
 * again, or with a refusal (400) when the file cannot be read that way, records unchanged.
 */
export const reparseBatchUpdate = defineUpdate<BatchControlState, [FormatChoice]>('reparseBatch');

/** Current control state, without touching history. */
export const batchControlStateQuery = defineQuery<BatchControlState>('batchControlState');

/** Failure types of refused updates; the API maps them to HTTP statuses. */
export const UPDATE_REFUSAL_TYPES = {
  phaseConflict: 'BATCH_PHASE_CONFLICT',
  invalidSettings: 'VALIDATION_FAILED',
} as const;
