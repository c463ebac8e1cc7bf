import type { BatchCounts, ErrorBody } from '../api/api-types';
import type { BatchPhase } from '../domain/batch-phase';
import type { AttentionKind } from './attention';
import type { BatchSnapshot } from './batch-snapshot';

/** Socket.IO namespace of the batch gateway; the handshake sends `auth: { token }`. */
export const BATCHES_NAMESPACE = '/batches';

/** Room of the sockets watching one batch. */
export function batchRoom(batchId: string): string {
  return `batch:${batchId}`;
}

/** Room of the sockets watching the list of active batches. */
export const BATCH_LIST_ROOM = 'batch_list';

/** Names of the realtime events the gateway pushes, `<entity>.<past-tense verb>`. */
export const REALTIME_EVENTS = {
  phaseChanged: 'batch.phase_changed',
  progressed: 'batch.progressed',
  completed: 'batch.completed',
  attentionNeeded: 'batch.attention_needed',
  listUpdated: 'batch_list.updated',
} as const;

/** Names of the requests a client sends; each answers through the acknowledgement. */
export const REALTIME_REQUESTS = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  subscribeList: 'subscribe_list',
  unsubscribeList: 'unsubscribe_list',
} as const;

/** The batch moved to another phase, as stored in PostgreSQL. */
export interface BatchPhaseChangedEvent {
  batchId: string;
  phase: BatchPhase;
  previousPhase: BatchPhase;
  /** Why (failed, cancelled, paused); null when there is nothing to explain. */
  reason: string | null;
  changedAt: string;
}

/** Counters or rates changed; at most a few per second per batch, counters never decrease. */
export interface BatchProgressedEvent {
  batchId: string;
  snapshot: BatchSnapshot;
}

/** The batch reached a terminal phase (`phase` says which); counts equal PostgreSQL's. */
export interface BatchCompletedEvent {
  batchId: string;
  phase: BatchPhase;
  reason: string | null;
  counts: BatchCounts;
  /** From upload to the end. */
  durationMs: number;
  /** From approval to the end; null when the batch was never approved. */
  sendingDurationMs: number | null;
  completedAt: string;
  snapshot: BatchSnapshot;
}

/** Something an operator should look at now. */
export interface BatchAttentionNeededEvent {
  batchId: string;
  kind: AttentionKind;
  message: string;
  /** The number behind the notice (failures, parse errors); null when there is none. */
  count: number | null;
  detectedAt: string;
}

/** One active batch on the dashboard. */
export interface BatchSummary {
  id: string;
  fileName: string;
  phase: BatchPhase;
  reason: string | null;
  counts: BatchCounts;
  updatedAt: string;
}

/** Batches that have not ended, newest first; `total` counts them all. */
export interface ActiveBatchList {
  items: BatchSummary[];
  total: number;
}

/** A request refused: the same `{ code, message }` body as the HTTP API's errors. */
export interface RealtimeRefusal {
  ok: false;
  error: ErrorBody;
}

/** Answer to `subscribe`: the current snapshot, sent before any event of that batch. */
export type BatchSubscribeAnswer = { ok: true; snapshot: BatchSnapshot } | RealtimeRefusal;

/** Answer to `subscribe_list`: the current list of active batches. */
export type ListSubscribeAnswer = { ok: true; list: ActiveBatchList } | RealtimeRefusal;

/** Answer to `unsubscribe` and `unsubscribe_list`. */
export type UnsubscribeAnswer = { ok: true } | RealtimeRefusal;

/** Body of `subscribe` and `unsubscribe`. */
export interface BatchSubscription {
  batchId: string;
}

/** Events from the gateway, typed for `Socket<BatchServerEvents, BatchClientRequests>`. */
export interface BatchServerEvents {
  'batch.phase_changed': (event: BatchPhaseChangedEvent) => void;
  'batch.progressed': (event: BatchProgressedEvent) => void;
  'batch.completed': (event: BatchCompletedEvent) => void;
  'batch.attention_needed': (event: BatchAttentionNeededEvent) => void;
  'batch_list.updated': (event: ActiveBatchList) => void;
}

/** Requests to the gateway; every one takes an acknowledgement callback. */
export interface BatchClientRequests {
  subscribe: (request: BatchSubscription, ack: (answer: BatchSubscribeAnswer) => void) => void;
  unsubscribe: (request: BatchSubscription, ack: (answer: UnsubscribeAnswer) => void) => void;
  subscribe_list: (ack: (answer: ListSubscribeAnswer) => void) => void;
  unsubscribe_list: (ack: (answer: UnsubscribeAnswer) => void) => void;
}
