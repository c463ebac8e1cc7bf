import { Injectable } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Gauge, Histogram } from 'prom-client';

import { ApiMetricsRegistry } from './api-metrics';

/** Requests in flight, and requests by route and status with their duration. */
@Injectable()
export class HttpMetrics {
  private readonly inFlight: Gauge;
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(registry: ApiMetricsRegistry) {
    this.inFlight = new Gauge({
      name: 'sluice_api_http_requests_in_flight',
      help: 'HTTP requests the API is handling',
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'sluice_api_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status, with their duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
  }

  /** Installs the measuring middleware ahead of every route. */
  attach(app: NestExpressApplication): void {
    app.use((request: Request, response: Response, next: NextFunction) => {
      this.inFlight.inc();
      const stop = this.duration.startTimer({ method: request.method });
      response.once('close', () => {
        this.inFlight.dec();
        // The route pattern (`/api/batches/:batchId`), never the raw path: ids would make one
        // series per batch. Static files and unknown paths share one label.
        const route = (request.route as { path?: string } | undefined)?.path ?? 'other';
        stop({ route: `${request.baseUrl}${route}`, status: String(response.statusCode) });
      });
      next();
    });
  }
}
