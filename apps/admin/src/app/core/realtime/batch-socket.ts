import { Injectable, inject } from '@angular/core';
import { BehaviorSubject, Observable, Subscriber, distinctUntilChanged } from 'rxjs';

import { TokenStore } from '../auth/token-store';
import {
  BATCHES_NAMESPACE,
  GatewayMessage,
  ListMessage,
  SUBSCRIBE_LIST_REQUEST,
  SUBSCRIBE_REQUEST,
  UNSUBSCRIBE_LIST_REQUEST,
  UNSUBSCRIBE_REQUEST,
  listOfAnswer,
  readGatewayEvent,
  readListEvent,
  snapshotOfAnswer,
  subscription,
} from './gateway-protocol';
import { GatewaySocket, SOCKET_FACTORY } from './socket-factory';

/** `unavailable`: the last connection attempt failed or the connection dropped. */
export type SocketState = 'idle' | 'connecting' | 'connected' | 'unavailable';

const CONNECT_TIMEOUT_MS = 5_000;
const ACK_TIMEOUT_MS = 5_000;
const RECONNECT_DELAY_MAX_MS = 10_000;

/**
 * The one socket to the gateway, open while anything watches a batch or the list of active
 * batches. socket.io-client reconnects by itself; on every (re)connection each watched batch
 * and the list are subscribed again, and the acknowledgement's answer reaches watchers first.
 */
@Injectable({ providedIn: 'root' })
export class BatchSocket {
  private readonly createSocket = inject(SOCKET_FACTORY);
  private readonly tokens = inject(TokenStore);
  private readonly state$ = new BehaviorSubject<SocketState>('idle');
  private readonly watchers = new Map<string, Set<Subscriber<GatewayMessage>>>();
  private readonly listWatchers = new Set<Subscriber<ListMessage>>();
  private socket: GatewaySocket | null = null;

  readonly states: Observable<SocketState> = this.state$.pipe(distinctUntilChanged());

  /**
   * Messages about one batch while the socket is connected; nothing while it is not. A batch
   * is subscribed once however many watch it, so a later watcher gets no snapshot of its own.
   */
  watch(batchId: string): Observable<GatewayMessage> {
    return new Observable<GatewayMessage>((subscriber) => {
      const batchWatchers = this.watchers.get(batchId) ?? new Set();
      const isFirst = batchWatchers.size === 0;
      batchWatchers.add(subscriber);
      this.watchers.set(batchId, batchWatchers);
      const socket = this.open();
      if (socket.connected && isFirst) {
        this.subscribe(socket, batchId);
      }

      return () => this.forget(batchId, subscriber);
    });
  }

  /**
   * The list of active batches while the socket is connected: the answer to this watcher's
   * subscription (again after each reconnection), then every update the gateway pushes.
   */
  watchList(): Observable<ListMessage> {
    return new Observable<ListMessage>((subscriber) => {
      this.listWatchers.add(subscriber);
      const socket = this.open();
      if (socket.connected) {
        // The room is joined already; asking again is how this watcher gets the list as it is.
        this.subscribeList(socket, [subscriber]);
      }

      return () => this.forgetList(subscriber);
    });
  }

  private open(): GatewaySocket {
    if (this.socket) {
      return this.socket;
    }

    const socket = this.createSocket(BATCHES_NAMESPACE, {
      path: '/socket.io',
      // A function, so a reconnection after signing in again sends the current token.
      auth: (send) => send({ token: this.tokens.token() }),
      timeout: CONNECT_TIMEOUT_MS,
      reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
    });
    this.state$.next('connecting');
    socket.on('connect', () => {
      this.state$.next('connected');
      for (const batchId of this.watchers.keys()) {
        this.subscribe(socket, batchId);
      }
      if (this.listWatchers.size > 0) {
        this.subscribeList(socket, [...this.listWatchers]);
      }
    });
    socket.on('connect_error', () => this.state$.next('unavailable'));
    socket.on('disconnect', () => this.state$.next('unavailable'));
    socket.onAny((event, payload) => {
      const list = readListEvent(event, payload);
      if (list) {
        this.listWatchers.forEach((watcher) => watcher.next({ kind: 'updated', list }));
      } else {
        this.dispatch(readGatewayEvent(event, payload));
      }
    });
    this.socket = socket;

    return socket;
  }

  private subscribe(socket: GatewaySocket, batchId: string): void {
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emit(SUBSCRIBE_REQUEST, subscription(batchId), (error, answer) => {
        const snapshot = error ? null : snapshotOfAnswer(answer);
        // Without a snapshot in the answer, the watchers fetch it themselves.
        this.dispatch(snapshot ? { kind: 'snapshot', snapshot } : { kind: 'changed', batchId });
      });
  }

  private subscribeList(socket: GatewaySocket, recipients: Subscriber<ListMessage>[]): void {
    socket.timeout(ACK_TIMEOUT_MS).emit(SUBSCRIBE_LIST_REQUEST, (error, answer) => {
      const list = error ? null : listOfAnswer(answer);
      const message: ListMessage = list ? { kind: 'subscribed', list } : { kind: 'refused' };
      for (const recipient of recipients) {
        // A watcher that left while the answer was on its way no longer wants it.
        if (this.listWatchers.has(recipient)) {
          recipient.next(message);
        }
      }
    });
  }

  private dispatch(message: GatewayMessage | null): void {
    if (!message) {
      return;
    }

    const batchId = batchIdOf(message);
    for (const subscriber of this.watchers.get(batchId) ?? []) {
      subscriber.next(message);
    }
  }

  private forget(batchId: string, subscriber: Subscriber<GatewayMessage>): void {
    const batchWatchers = this.watchers.get(batchId);
    batchWatchers?.delete(subscriber);
    if (batchWatchers?.size === 0) {
      this.watchers.delete(batchId);
      if (this.socket?.connected) {
        this.socket.emit(UNSUBSCRIBE_REQUEST, subscription(batchId));
      }
    }
    this.closeIfUnwatched();
  }

  private forgetList(subscriber: Subscriber<ListMessage>): void {
    this.listWatchers.delete(subscriber);
    if (this.listWatchers.size === 0 && this.socket?.connected) {
      this.socket.emit(UNSUBSCRIBE_LIST_REQUEST);
    }
    this.closeIfUnwatched();
  }

  private closeIfUnwatched(): void {
    if (this.watchers.size === 0 && this.listWatchers.size === 0 && this.socket) {
      this.socket.disconnect();
      this.socket = null;
      this.state$.next('idle');
    }
  }
}

function batchIdOf(message: GatewayMessage): string {
  switch (message.kind) {
    case 'snapshot':
      return message.snapshot.id;
    case 'attention':
      return message.notice.batchId;
    default:
      return message.batchId;
  }
}
