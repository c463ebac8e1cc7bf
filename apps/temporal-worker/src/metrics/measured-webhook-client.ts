import { OutboundGuard, WebhookClient, type AttemptResponse } from '@sluice/outbound';

import type { WorkerMetrics } from './worker-metrics';

/** The webhook client, counting requests in flight and timing each one for the metrics. */
export class MeasuredWebhookClient extends WebhookClient {
  constructor(
    guard: OutboundGuard,
    private readonly metrics: WorkerMetrics,
  ) {
    super(guard);
  }

  override async send(...args: Parameters<WebhookClient['send']>): Promise<AttemptResponse> {
    const started = performance.now();
    this.metrics.requestStarted();
    try {
      return await super.send(...args);
    } finally {
      this.metrics.requestEnded(performance.now() - started);
    }
  }
}
