import {
  ATTENTION_KINDS,
  ActiveBatchList,
  BATCH_PHASES,
  BatchAttentionNeededEvent,
  BatchSnapshot,
  BatchSubscribeAnswer,
  BatchSubscription,
  ListSubscribeAnswer,
  REALTIME_EVENTS,
  REALTIME_REQUESTS,
} from '@sluice/shared';

export { BATCHES_NAMESPACE } from '@sluice/shared';

export const SUBSCRIBE_REQUEST = REALTIME_REQUESTS.subscribe;
export const UNSUBSCRIBE_REQUEST = REALTIME_REQUESTS.unsubscribe;
export const SUBSCRIBE_LIST_REQUEST = REALTIME_REQUESTS.subscribeList;
export const UNSUBSCRIBE_LIST_REQUEST = REALTIME_REQUESTS.unsubscribeList;

/** What the gateway told the console about one batch. */
export type GatewayMessage =
  | { kind: 'snapshot'; snapshot: BatchSnapshot }
  | { kind: 'changed'; batchId: string }
  | { kind: 'attention'; notice: BatchAttentionNeededEvent };

/**
 * What the gateway told the console about the list of active batches: the answer to a
 * subscription (the list as it is now), a pushed update, or a refused subscription.
 */
export type ListMessage =
  { kind: 'subscribed' | 'updated'; list: ActiveBatchList } | { kind: 'refused' };

/** The body of `subscribe` and `unsubscribe`. */
export function subscription(batchId: string): BatchSubscription {
  return { batchId };
}

/** The snapshot a `subscribe` acknowledgement carries; null when it refused or timed out. */
export function snapshotOfAnswer(answer: unknown): BatchSnapshot | null {
  const subscribed = answer as Partial<Extract<BatchSubscribeAnswer, { ok: true }>> | null;

  return subscribed?.ok === true && isSnapshot(subscribed.snapshot) ? subscribed.snapshot : null;
}

/** The list a `subscribe_list` acknowledgement carries; null when it refused or timed out. */
export function listOfAnswer(answer: unknown): ActiveBatchList | null {
  const subscribed = answer as Partial<Extract<ListSubscribeAnswer, { ok: true }>> | null;

  return subscribed?.ok === true && isActiveBatchList(subscribed.list) ? subscribed.list : null;
}

/**
 * Reads a pushed event about one batch. Progress and completion carry the whole snapshot; a
 * phase change only says the batch changed, and the console fetches the snapshot (cheaply,
 * with its ETag). An attention notice is passed on as it came, once its fields check out.
 */
export function readGatewayEvent(event: string, payload: unknown): GatewayMessage | null {
  const body = payload as { batchId?: unknown; snapshot?: unknown } | null;
  if (typeof body?.batchId !== 'string') {
    return null;
  }

  switch (event) {
    case REALTIME_EVENTS.progressed:
    case REALTIME_EVENTS.completed:
      // A payload this console cannot read still means the batch changed.
      return isSnapshot(body.snapshot)
        ? { kind: 'snapshot', snapshot: body.snapshot }
        : { kind: 'changed', batchId: body.batchId };
    case REALTIME_EVENTS.phaseChanged:
      return { kind: 'changed', batchId: body.batchId };
    case REALTIME_EVENTS.attentionNeeded:
      // A notice this console cannot read is dropped: it would have nothing true to show.
      return isAttentionEvent(payload) ? { kind: 'attention', notice: payload } : null;
    default:
      return null;
  }
}

/** The list a `batch_list.updated` event carries; null for any other event. */
export function readListEvent(event: string, payload: unknown): ActiveBatchList | null {
  return event === REALTIME_EVENTS.listUpdated && isActiveBatchList(payload) ? payload : null;
}

function isSnapshot(value: unknown): value is BatchSnapshot {
  const snapshot = value as Partial<BatchSnapshot> | null;

  return (
    typeof snapshot?.id === 'string' &&
    isPhase(snapshot.phase) &&
    typeof snapshot.counts === 'object'
  );
}

function isActiveBatchList(value: unknown): value is ActiveBatchList {
  const list = value as Partial<ActiveBatchList> | null;

  return (
    typeof list?.total === 'number' &&
    Array.isArray(list.items) &&
    list.items.every((item) => typeof item?.id === 'string' && isPhase(item.phase))
  );
}

function isAttentionEvent(value: unknown): value is BatchAttentionNeededEvent {
  const event = value as Partial<BatchAttentionNeededEvent> | null;

  return (
    typeof event?.batchId === 'string' &&
    (ATTENTION_KINDS as readonly unknown[]).includes(event.kind) &&
    typeof event.message === 'string' &&
    (event.count === null || typeof event.count === 'number') &&
    typeof event.detectedAt === 'string'
  );
}

function isPhase(value: unknown): boolean {
  return (BATCH_PHASES as readonly unknown[]).includes(value);
}
