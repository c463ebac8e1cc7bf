import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Where an attempt leaves its deliveries, as the chunk sender classifies it. */
export type AttemptStatus = 'succeeded' | 'failed' | 'retrying';

/** Seconds; webhook answers usually take tens of milliseconds, timeouts up to a minute. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The worker's Prometheus metrics, one registry per worker process (served by the worker's
 * HTTP server). Counters are per process; Prometheus sums them over the workers.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly deliveries = new Counter({
    name: 'sluice_deliveries_total',
    help: 'Deliveries that reached a final status, by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly attemptDuration = new Histogram({
    name: 'sluice_attempt_duration_seconds',
    help: 'Duration of webhook requests (attempts), answered or not',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly requestsInFlight = new Gauge({
    name: 'sluice_requests_in_flight',
    help: 'Webhook requests sent and not yet answered',
    registers: [this.registry],
  });
  private readonly recordsParsed = new Counter({
    name: 'sluice_records_parsed_total',
    help: 'Records parsed from uploaded files and stored',
    registers: [this.registry],
  });
  private readonly retries = new Counter({
    name: 'sluice_retries_total',
    help: 'Attempts after the first of a delivery (attempt 2 or later)',
    registers: [this.registry],
  });
  private readonly autoPauses = new Counter({
    name: 'sluice_auto_pauses_total',
    help: 'Batches paused automatically because failures piled up',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'sluice_worker_' });
    // Present from the start, so a scrape shows zero rather than no series.
    this.deliveries.inc({ outcome: 'succeeded' }, 0);
    this.deliveries.inc({ outcome: 'failed' }, 0);
  }

  /** One request finished for `deliveryCount` deliveries (more when records are grouped). */
  attemptFinished(status: AttemptStatus, attemptNumber: number, deliveryCount: number): void {
    if (status !== 'retrying') this.deliveries.inc({ outcome: status }, deliveryCount);
    if (attemptNumber > 1) this.retries.inc(deliveryCount);
  }

  requestStarted(): void {
    this.requestsInFlight.inc();
  }

  requestEnded(durationMs: number): void {
    this.requestsInFlight.dec();
    this.attemptDuration.observe(durationMs / 1_000);
  }

  recordsStored(count: number): void {
    if (count > 0) this.recordsParsed.inc(count);
  }

  autoPaused(): void {
    this.autoPauses.inc();
  }
}
