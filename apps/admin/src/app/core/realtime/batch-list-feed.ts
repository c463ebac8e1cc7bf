import { Injectable, inject } from '@angular/core';
import {
  EMPTY,
  Observable,
  defer,
  distinctUntilChanged,
  filter,
  interval,
  map,
  merge,
  share,
  switchMap,
} from 'rxjs';

import { ActiveBatchList } from '@sluice/shared';

import { BatchSocket } from './batch-socket';
import { ListMessage } from './gateway-protocol';

/**
 * Why a list of batches read earlier may be out of date. `subscribed`: the gateway's list was
 * (re)subscribed, and changes before its answer may have been missed. `changed`: a batch
 * started, changed phase or ended. `polled`: the gateway cannot push, and time has passed.
 */
export type ListChange = 'subscribed' | 'changed' | 'polled';

/** How often lists are read again while the gateway cannot push changes. */
export const LIST_POLL_MS = 10_000;

/**
 * Tells pages that list batches when to read their list again. The gateway pushes the active
 * batches (those that have not ended) about once a second while anyone listens; a change of
 * figures alone is not reported, since rows follow their own batch's snapshots.
 */
@Injectable({ providedIn: 'root' })
export class BatchListFeed {
  private readonly socket = inject(BatchSocket);

  /** Emits whenever the list should be read again; nothing while nothing changed. */
  changes(): Observable<ListChange> {
    return defer(() => {
      let seen: string | null = null;
      const messages = this.socket.watchList().pipe(share());
      const pushed = messages.pipe(
        map((message): ListChange | null => {
          if (message.kind === 'refused') {
            return null;
          }
          const membership = membershipOf(message.list);
          const hasChanged = membership !== seen;
          seen = membership;

          return message.kind === 'subscribed' ? 'subscribed' : hasChanged ? 'changed' : null;
        }),
        filter((change): change is ListChange => change !== null),
      );
      // Polls while the socket is down, and after a refused subscription until the next answer.
      const polls = merge(
        this.socket.states.pipe(map((state) => state === 'unavailable')),
        messages.pipe(map((message: ListMessage) => message.kind === 'refused')),
      ).pipe(
        distinctUntilChanged(),
        switchMap((isPolling) => (isPolling ? interval(LIST_POLL_MS) : EMPTY)),
        map((): ListChange => 'polled'),
      );

      return merge(pushed, polls);
    });
  }
}

/** Which batches are active and in which phase; figures left out on purpose. */
function membershipOf(list: ActiveBatchList): string {
  const entries = list.items.map((item) => `${item.id}:${item.phase}`).sort();

  return `${list.total}|${entries.join(',')}`;
}
