import { Injectable, Provider } from '@angular/core';

import { Ack, GatewaySocket, SOCKET_FACTORY, SocketFactory } from '../core/realtime/socket-factory';

type Listener = (...args: never[]) => void;

/** A stand-in for the socket.io connection: tests decide when it connects, fails or pushes. */
export class FakeSocket implements GatewaySocket {
  connected = false;
  isDisconnected = false;
  readonly emitted: { event: string; payload: unknown }[] = [];
  private readonly listeners = new Map<string, Listener[]>();
  private readonly anyListeners: ((event: string, ...args: unknown[]) => void)[] = [];
  private readonly pendingAcks: { event: string; payload: unknown; ack: Ack }[] = [];

  constructor(
    readonly namespace: string,
    readonly options: Parameters<SocketFactory>[1],
  ) {}

  /** What the handshake would send as `auth`. */
  handshakeAuth(): unknown {
    const auth = this.options.auth;
    if (typeof auth !== 'function') {
      return auth;
    }
    let sent: unknown;
    auth((data) => (sent = data));

    return sent;
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  onAny(listener: (event: string, ...args: unknown[]) => void): this {
    this.anyListeners.push(listener);
    return this;
  }

  emit(event: string, payload?: unknown): this {
    this.emitted.push({ event, payload });
    return this;
  }

  timeout(): { emit(event: string, ...args: [...payload: unknown[], ack: Ack]): void } {
    return {
      emit: (event, ...args) => {
        // The acknowledgement comes last; requests such as `subscribe_list` have no payload.
        const ack = args.at(-1) as Ack;
        const payload = args.length > 1 ? args[0] : undefined;
        this.emitted.push({ event, payload });
        this.pendingAcks.push({ event, payload, ack });
      },
    };
  }

  disconnect(): this {
    this.connected = false;
    this.isDisconnected = true;
    return this;
  }

  /** The server accepted the connection (or a reconnection). */
  acceptConnection(): void {
    this.connected = true;
    this.fire('connect');
  }

  /** A connection attempt failed, as when no gateway answers. */
  failConnection(): void {
    this.fire('connect_error', new Error('xhr poll error'));
  }

  /** The connection dropped; socket.io-client would now try again by itself. */
  drop(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  /** The server pushes an event. */
  push(event: string, payload: unknown): void {
    for (const listener of this.anyListeners) {
      listener(event, payload);
    }
  }

  /** Acknowledged emits still waiting for an answer, oldest first. */
  get pendingRequests(): string[] {
    return this.pendingAcks.map((pending) => pending.event);
  }

  /** The oldest acknowledged emit still waiting gets no answer in time. */
  timeOutNext(): { event: string; payload: unknown } {
    const pending = this.pendingAcks.shift();
    if (!pending) {
      throw new Error('No emit is waiting for an answer');
    }
    pending.ack(new Error('operation has timed out'), undefined);

    return { event: pending.event, payload: pending.payload };
  }

  /** Answers the oldest acknowledged emit still waiting. */
  answerNext(answer: unknown): { event: string; payload: unknown } {
    const pending = this.pendingAcks.shift();
    if (!pending) {
      throw new Error('No emit is waiting for an answer');
    }
    pending.ack(null, answer);

    return { event: pending.event, payload: pending.payload };
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as (...values: unknown[]) => void)(...args);
    }
  }
}

/** Every socket the console opened in this test, the newest last. */
@Injectable()
export class FakeGateway {
  readonly sockets: FakeSocket[] = [];
  readonly factory: SocketFactory = (namespace, options) => {
    const socket = new FakeSocket(namespace, options);
    this.sockets.push(socket);
    return socket;
  };

  get socket(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (!socket) {
      throw new Error('The console opened no socket');
    }

    return socket;
  }
}

/** Replaces socket.io-client with {@link FakeGateway}. */
export function provideFakeGateway(): Provider[] {
  return [
    FakeGateway,
    {
      provide: SOCKET_FACTORY,
      useFactory: (gateway: FakeGateway) => gateway.factory,
      deps: [FakeGateway],
    },
  ];
}
