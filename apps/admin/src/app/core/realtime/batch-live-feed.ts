import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, Signal, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  EMPTY,
  Observable,
  auditTime,
  concat,
  concatMap,
  defer,
  filter,
  map,
  merge,
  of,
  repeat,
  retry,
  share,
  switchMap,
  tap,
  throwError,
  timer,
} from 'rxjs';

import { BatchAttentionNeededEvent, BatchPhase, BatchSnapshot } from '@sluice/shared';

import { BatchesApi } from '../http/batches-api';
import { BatchSocket, SocketState } from './batch-socket';

/** How the console learns about changes: pushed over the socket, or by polling the API. */
export type LiveMode = 'connecting' | 'live' | 'polling';

/** Polling intervals by what the batch is doing; a snapshot that did not change costs a 304. */
export interface PollIntervals {
  activeMs: number;
  idleMs: number;
}

/** How to watch: polling intervals, and whether to fetch the batch at once. */
export interface WatchOptions extends PollIntervals {
  /** False when the caller already holds a fresh copy (a row of a list just read). */
  fetchFirst: boolean;
}

const DEFAULT_WATCH_OPTIONS: WatchOptions = { activeMs: 2_000, idleMs: 10_000, fetchFirst: true };

const TRANSIENT_RETRY_MS = 5_000;
const ACTIVE_PHASES: ReadonlySet<BatchPhase> = new Set(['parsing', 'sending']);

/**
 * Snapshots of a batch as it changes: pushed by the gateway while the socket is connected, and
 * polled with ETags while it is not. The socket keeps reconnecting in the background, and
 * polling stops as soon as it is back.
 */
@Injectable({ providedIn: 'root' })
export class BatchLiveFeed {
  private readonly socket = inject(BatchSocket);
  private readonly api = inject(BatchesApi);

  readonly mode: Signal<LiveMode> = toSignal(this.socket.states.pipe(map(modeOf)), {
    initialValue: 'connecting',
  });

  /** Emits the batch at once, then whenever it changes; fails only when the API refuses. */
  watch(batchId: string, options: Partial<WatchOptions> = {}): Observable<BatchSnapshot> {
    const { activeMs, idleMs, fetchFirst } = { ...DEFAULT_WATCH_OPTIONS, ...options };

    return defer(() => {
      let etag: string | null = null;
      let phase: BatchPhase | null = null;
      const fetch = () =>
        this.api.getIfChanged<BatchSnapshot>(batchId, etag).pipe(
          tap((tagged) => (etag = tagged?.etag ?? etag)),
          map((tagged) => tagged?.batch ?? null),
        );
      const pollDelay = () => (phase && isActive(phase) ? activeMs : idleMs);
      const messages = this.socket.watch(batchId).pipe(share());
      const changed = messages.pipe(filter((message) => message.kind === 'changed'));
      const polls = this.socket.states.pipe(
        switchMap((state) => (state === 'unavailable' ? polling(pollDelay) : EMPTY)),
      );
      const first = fetchFirst ? of(null) : EMPTY;
      const fetches = merge(first, changed.pipe(auditTime(250)), polls).pipe(
        concatMap(() => fetch()),
      );
      const snapshots = messages.pipe(
        map((message) => (message.kind === 'snapshot' ? message.snapshot : null)),
      );

      return merge(fetches, snapshots).pipe(
        filter((snapshot): snapshot is BatchSnapshot => snapshot !== null),
        tap((snapshot) => (phase = snapshot.phase)),
      );
    }).pipe(
      // A dropped network or a restarting API should not end the page; anything else should.
      retry({
        delay: (error: unknown) =>
          isTransient(error) ? timer(TRANSIENT_RETRY_MS) : throwError(() => error),
      }),
    );
  }

  /**
   * Attention notices about the batch, as the gateway pushes them. Only a connected socket
   * brings them: the API keeps no notices, so there is nothing to poll while it is down.
   */
  notices(batchId: string): Observable<BatchAttentionNeededEvent> {
    return this.socket.watch(batchId).pipe(
      map((message) => (message.kind === 'attention' ? message.notice : null)),
      filter((notice): notice is BatchAttentionNeededEvent => notice !== null),
    );
  }
}

/** A tick now (changes may have been missed while the socket dropped), then one per delay. */
function polling(delayMs: () => number): Observable<unknown> {
  return concat(of(0), defer(() => timer(delayMs())).pipe(repeat()));
}

function modeOf(state: SocketState): LiveMode {
  if (state === 'connected') {
    return 'live';
  }

  return state === 'unavailable' ? 'polling' : 'connecting';
}

function isActive(phase: BatchPhase): boolean {
  return ACTIVE_PHASES.has(phase);
}

function isTransient(error: unknown): boolean {
  return error instanceof HttpErrorResponse && (error.status === 0 || error.status >= 502);
}
