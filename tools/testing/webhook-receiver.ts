import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** One request the receiver got. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** How the receiver answers a request; the default accepts everything. */
export type ReceiverBehaviour = (webhook: ReceivedWebhook) => {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Answer this late (to outlast the sender's timeout). */
  delayMs?: number;
  /** Drop the connection without answering. */
  drop?: boolean;
};

/** A real HTTP server on loopback standing in for a partner's endpoint. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Webhook ids the receiver answered 2xx to while the sender was still listening. */
  readonly acknowledged = new Set<string>();
  behaviour: ReceiverBehaviour = () => ({ status: 204 });
  /** `performance.now()` when the last request arrived, kept or not; 0 before any. */
  lastReceivedAt = 0;
  private requestCount = 0;

  /** `keepBodies: false` only counts requests, for benchmarks of many of them. */
  constructor(private readonly options: { keepBodies?: boolean } = {}) {}

  /** Requests received so far, kept or not. */
  get count(): number {
    return this.requestCount;
  }
  private server?: Server;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const webhook = {
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
        };
        this.requestCount += 1;
        this.lastReceivedAt = performance.now();
        if (this.options.keepBodies ?? true) this.received.push(webhook);
        const answer = this.behaviour(webhook);
        if (answer.drop) {
          request.socket.destroy();
          return;
        }
        const respond = () => {
          if (request.socket.destroyed) return;
          response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
          response.end(answer.body ?? '');
          response.on('finish', () => {
            const id = request.headers['webhook-id'];
            if (answer.status < 300 && typeof id === 'string') this.acknowledged.add(id);
          });
        };
        if (answer.delayMs) setTimeout(respond, answer.delayMs);
        else respond();
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;

    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
