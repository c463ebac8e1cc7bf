import {
  BATCH_PHASES,
  BatchSnapshot,
  BatchSubscribeAnswer,
  REALTIME_EVENTS,
  REALTIME_REQUESTS,
} from '@sluice/shared';

export { BATCHES_NAMESPACE } from '@sluice/shared';

export const SUBSCRIBE_REQUEST = REALTIME_REQUESTS.subscribe;
export const UNSUBSCRIBE_REQUEST = REALTIME_REQUESTS.unsubscribe;

/** What the gateway told the console about one batch. */
export type GatewayMessage =
  { kind: 'snapshot'; snapshot: BatchSnapshot } | { kind: 'changed'; batchId: string };

/** The body of `subscribe` and `unsubscribe`. */
export function subscription(batchId: string): { batchId: string } {
  return { batchId };
}

/** The snapshot a `subscribe` acknowledgement carries; null when it refused or timed out. */
export function snapshotOfAnswer(answer: unknown): BatchSnapshot | null {
  const subscribed = answer as Partial<Extract<BatchSubscribeAnswer, { ok: true }>> | null;

  return subscribed?.ok === true && isSnapshot(subscribed.snapshot) ? subscribed.snapshot : null;
}

/**
 * Reads a pushed event. Progress and completion carry the whole snapshot; a phase change only
 * says the batch changed, and the console fetches the snapshot (cheaply, with its ETag).
 * Events that change no figure (attention notices, the dashboard list) are left alone.
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
    default:
      return null;
  }
}

function isSnapshot(value: unknown): value is BatchSnapshot {
  const snapshot = value as Partial<BatchSnapshot> | null;

  return (
    typeof snapshot?.id === 'string' &&
    (BATCH_PHASES as readonly unknown[]).includes(snapshot.phase) &&
    typeof snapshot.counts === 'object'
  );
}
