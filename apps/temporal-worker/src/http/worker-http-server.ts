import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { TemporalWorkerService, WORKER_LOGGER } from '../temporal/temporal-worker.service';

const PROBE_TIMEOUT_MS = 2_000;

/**
 * The worker's only HTTP surface, for probes and Prometheus: `/metrics`, `/health/live` and
 * `/health/ready`. It serves no data and takes no input, so it has no token; it binds to
 * loopback unless WORKER_HTTP_HOST says otherwise (compose: the private network).
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    private readonly metrics: WorkerMetrics,
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalWorkerService,
  ) {}

  /** Where it listens, e.g. `http://127.0.0.1:9464`; the port is the OS's pick for port 0. */
  get url(): string {
    const { address, port } = this.server?.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        // A probe or scrape that fails must not take the worker down: answer 500 and log it.
        this.logger.error({ err: error }, 'Worker HTTP request failed');
        if (!response.headersSent) send(response, 500, { status: 'error' });
        else response.destroy();
      });
    });
    server.listen(this.config.httpPort, this.config.httpHost);
    await once(server, 'listening');
    this.server = server;
    this.logger.info({ url: this.url }, 'Worker HTTP server listening');
  }

  async onApplicationShutdown(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve) ?? resolve(undefined));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') return send(response, 405, { status: 'method not allowed' });
    if (path === '/health/live') return send(response, 200, { status: 'ok' });
    if (path === '/health/ready') return this.ready(response);
    if (path === '/metrics') {
      const text = await this.metrics.registry.metrics();
      response.writeHead(200, { 'content-type': this.metrics.registry.contentType });
      response.end(text);
      return;
    }
    send(response, 404, { status: 'not found' });
  }

  private async ready(response: ServerResponse): Promise<void> {
    const [postgres, temporal] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.temporal.checkServer(PROBE_TIMEOUT_MS)),
    ]);
    const isReady = postgres === 'up' && temporal === 'up';
    const body = { status: isReady ? 'ok' : 'unavailable', checks: { postgres, temporal } };
    send(response, isReady ? 200 : 503, body);
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
    });
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    // Any failure, including a timeout, means the dependency cannot serve us right now.
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
