import type { DataSource } from 'typeorm';

import { ApiMetricsRegistry } from './api-metrics';
import { BatchPhaseMetrics } from './batch-phase-metrics';

function metricsOver(query: () => Promise<unknown>) {
  const registry = new ApiMetricsRegistry();
  new BatchPhaseMetrics(registry, { query } as unknown as DataSource);

  return registry;
}

describe(BatchPhaseMetrics.name, () => {
  it('reports every phase, zero where no batch is in it', async () => {
    const registry = metricsOver(async () => [{ phase: 'sending', count: 3 }]);

    const text = await registry.metrics();

    expect(text).toContain('sluice_batches{phase="sending"} 3');
    expect(text).toContain('sluice_batches{phase="completed"} 0');
  });

  it('leaves the phases out but keeps the scrape when PostgreSQL is unreachable', async () => {
    const registry = metricsOver(() => Promise.reject(new Error('connection refused')));

    const text = await registry.metrics();

    expect(text).not.toContain('sluice_batches{');
    expect(text).toContain('sluice_api_process_cpu_seconds_total');
  });
});
