import type { ErrorCode, RealtimeRefusal } from '@sluice/shared';

/** A refused request, answered with the same `{ code, message }` as the HTTP API. */
export function refusal(code: ErrorCode, message: string): RealtimeRefusal {
  return { ok: false, error: { code, message } };
}

/** The acknowledgement callback of a request; a client may send a request without one. */
export type Reply<T> = (answer: T) => void;

/** Wraps the acknowledgement Socket.IO handed over, which is absent when the client sent none. */
export function replyTo<T>(ack: unknown): Reply<T> {
  return (answer) => {
    if (typeof ack === 'function') ack(answer);
  };
}
