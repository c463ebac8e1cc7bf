import { once } from 'node:events';
import { createServer, type Server } from 'node:http';

/** A loopback endpoint that answers 204 at once and keeps only the time of each request. */
export class TimingReceiver {
  readonly receivedAt: number[] = [];
  private server?: Server;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        this.receivedAt.push(Date.now());
        response.writeHead(204).end();
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;

    return this;
  }

  /** Requests per second between the first and the last request since `fromIndex`. */
  throughputSince(fromIndex: number): { count: number; perSecond: number } {
    const times = this.receivedAt.slice(fromIndex);
    const spanMs = (times.at(-1) ?? 0) - (times[0] ?? 0);

    return {
      count: times.length,
      perSecond: spanMs > 0 ? ((times.length - 1) * 1_000) / spanMs : 0,
    };
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
