import { WorkerMetrics } from './worker-metrics';

async function valueOf(metrics: WorkerMetrics, name: string, labels: Record<string, string> = {}) {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const sample = metric?.values.find((value) =>
    Object.entries(labels).every(([key, label]) => value.labels[key] === label),
  );

  return sample?.value;
}

describe(WorkerMetrics.name, () => {
  it('counts deliveries by final outcome, per delivery of a grouped request', async () => {
    const metrics = new WorkerMetrics();

    metrics.attemptFinished('succeeded', 1, 3);
    metrics.attemptFinished('retrying', 1, 2);
    metrics.attemptFinished('failed', 2, 2);

    expect(await valueOf(metrics, 'sluice_deliveries_total', { outcome: 'succeeded' })).toBe(3);
    expect(await valueOf(metrics, 'sluice_deliveries_total', { outcome: 'failed' })).toBe(2);
  });

  it('counts attempts after the first as retries', async () => {
    const metrics = new WorkerMetrics();

    metrics.attemptFinished('retrying', 1, 1);
    metrics.attemptFinished('retrying', 2, 1);
    metrics.attemptFinished('succeeded', 3, 1);

    expect(await valueOf(metrics, 'sluice_retries_total')).toBe(2);
  });

  it('tracks requests in flight and observes their duration when they end', async () => {
    const metrics = new WorkerMetrics();

    metrics.requestStarted();
    metrics.requestStarted();
    metrics.requestEnded(40);

    expect(await valueOf(metrics, 'sluice_requests_in_flight')).toBe(1);
    const text = await metrics.registry.metrics();
    expect(text).toContain('sluice_attempt_duration_seconds_count 1');
    expect(text).toContain('sluice_attempt_duration_seconds_bucket{le="0.05"} 1');
  });
});
