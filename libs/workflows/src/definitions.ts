import { defineQuery, defineUpdate } from '@temporalio/workflow';

import type { BatchPhase, DeliverySettings } from '@sluice/shared';

/** Input of the batch workflow: ids only; `resume` carries compact state across runs. */
export interface ProcessBatchInput {
  batchId: string;
  resume?: SendingState;
}

/** What a run hands to the next one when it continues as new in the middle of sending. */
export interface SendingState {
  endpointConfigId: string;
  settings: DeliverySettings;
  recordCount: number;
  nextSeq: number;
}

/** Approval: the endpoint config (stored by the API) and the numeric settings to send with. */
export interface ApproveBatchInput {
  endpointConfigId: string;
  settings: DeliverySettings;
}

/** Control state of a batch as the workflow sees it; counts live in PostgreSQL. */
export interface BatchControlState {
  phase: BatchPhase;
  settings: DeliverySettings | null;
  recordCount: number;
  nextSeq: number;
}

/** Approves a parsed batch for sending; refused unless the batch awaits approval. */
export const approveBatchUpdate = defineUpdate<BatchControlState, [ApproveBatchInput]>(
  'approveBatch',
);

/** Discards or stops a batch; refused once the batch has ended. Answers once it has stopped. */
export const cancelBatchUpdate = defineUpdate<BatchControlState, []>('cancelBatch');

/** Current control state, without touching history. */
export const batchControlStateQuery = defineQuery<BatchControlState>('batchControlState');

/** Failure types of refused updates; the API maps them to HTTP statuses. */
export const UPDATE_REFUSAL_TYPES = {
  phaseConflict: 'BATCH_PHASE_CONFLICT',
  invalidSettings: 'VALIDATION_FAILED',
} as const;
