import { collectDefaultMetrics, Registry } from 'prom-client';

/** The API process's own Prometheus registry; one per application, so tests can run several. */
export class ApiMetricsRegistry extends Registry {
  constructor() {
    super();
    collectDefaultMetrics({ register: this, prefix: 'sluice_api_' });
  }
}
