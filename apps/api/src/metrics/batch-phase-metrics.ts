import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

import { BATCH_PHASES } from '@sluice/shared';

import { ApiMetricsRegistry } from './api-metrics';

/**
 * Batches by phase, counted in PostgreSQL when Prometheus scrapes, so every API replica reports
 * the same numbers and none has to track phases itself. One grouped count over the batches table.
 */
@Injectable()
export class BatchPhaseMetrics {
  readonly gauge: Gauge<'phase'>;

  constructor(registry: ApiMetricsRegistry, dataSource: DataSource) {
    this.gauge = new Gauge({
      name: 'sluice_batches',
      help: 'Batches by phase, as stored in PostgreSQL',
      labelNames: ['phase'],
      registers: [registry],
      async collect() {
        let rows: { phase: string; count: number }[];
        try {
          rows = await dataSource.query(
            'SELECT phase, count(*)::int AS count FROM batches GROUP BY phase',
          );
        } catch {
          // PostgreSQL is unreachable: report no series rather than stale counts, and keep the
          // rest of the scrape (requests, process) flowing; /health/ready says why.
          this.reset();
          return;
        }
        const counts = new Map(rows.map((row) => [row.phase, row.count]));
        for (const phase of BATCH_PHASES) this.set({ phase }, counts.get(phase) ?? 0);
      },
    });
  }
}
