import { io, type Socket } from 'socket.io-client';

import {
  BATCHES_NAMESPACE,
  type BatchClientRequests,
  type BatchServerEvents,
  type BatchSubscribeAnswer,
  type ListSubscribeAnswer,
} from '@sluice/shared';

import type { ApiEndpoint } from './sluice-stack';

/** An event or acknowledgement the client received, in arrival order. */
export interface ReceivedMessage {
  name: string;
  // Payloads are checked by the tests that read them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: any;
  receivedAt: number;
}

const ACK_TIMEOUT_MS = 10_000;

/** A real socket.io-client connection to the batch gateway, as the console opens it. */
export class RealtimeClient {
  readonly received: ReceivedMessage[] = [];
  /** Times the manager reconnected after losing the connection. */
  reconnectionCount = 0;
  readonly socket: Socket<BatchServerEvents, BatchClientRequests>;

  private constructor(stack: ApiEndpoint, token: string | null) {
    this.socket = io(`${stack.apiUrl}${BATCHES_NAMESPACE}`, {
      auth: token === null ? {} : { token },
      // Each client gets its own connection instead of sharing one per URL.
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    this.socket.onAny((name: string, payload: unknown) => this.record(name, payload));
  }

  /** Connects and resolves once connected; rejects with the server's refusal. */
  static async connect(stack: ApiEndpoint, token: string | null = stack.token) {
    const client = new RealtimeClient(stack, token);
    await new Promise<void>((resolve, reject) => {
      // Each listener removes the other: a refusal of a later reconnection attempt must not
      // close a client that connected once (it keeps retrying, as the console's does).
      const refused = (error: Error) => {
        client.socket.off('connect', connected);
        client.close();
        reject(error);
      };
      const connected = () => {
        client.socket.off('connect_error', refused);
        resolve();
      };
      client.socket.once('connect', connected);
      client.socket.once('connect_error', refused);
    });

    return client;
  }

  async subscribe(batchId: string): Promise<BatchSubscribeAnswer> {
    const answer = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('subscribe', { batchId });
    this.record('ack:subscribe', answer);

    return answer;
  }

  /**
   * Subscribes now and again after every reconnection, as the console does: a restarted API
   * has forgotten its rooms, and the fresh acknowledgement carries a fresh snapshot.
   */
  async watch(batchId: string): Promise<BatchSubscribeAnswer> {
    // `connect` fires again on every reconnection, once the namespace has accepted the token.
    this.socket.on('connect', () => {
      this.reconnectionCount += 1;
      // A refusal or a timeout shows as a missing acknowledgement, which the test checks.
      this.subscribe(batchId).catch(() => undefined);
    });

    return this.subscribe(batchId);
  }

  async subscribeList(): Promise<ListSubscribeAnswer> {
    const answer = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('subscribe_list');
    this.record('ack:subscribe_list', answer);

    return answer;
  }

  /** Payloads of every message received so far with this name. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payloadsOf(name: string): any[] {
    return this.received.filter((message) => message.name === name).map((m) => m.payload);
  }

  /** Waits until a message received from now on, or already, satisfies `isWanted`. */
  async waitFor(
    isWanted: (message: ReceivedMessage) => boolean,
    timeoutMs = 60_000,
  ): Promise<ReceivedMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(isWanted);
      if (found) return found;
      if (Date.now() > deadline) {
        const names = this.received.map((message) => message.name).join(', ');
        throw new Error(`No wanted message within ${timeoutMs} ms; received: ${names}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.socket.disconnect();
  }

  private record(name: string, payload: unknown): void {
    this.received.push({ name, payload, receivedAt: Date.now() });
  }
}
