import type {
  AttemptResult,
  DeliveryOutcome,
  DeliveryRepository,
  OpenDelivery,
} from '@sluice/persistence';

const SAVE_INTERVAL_MS = 500;

/**
 * Collects attempts and outcomes and saves them in one bulk write every 500 ms, heartbeating
 * after each save, so PostgreSQL sees progress steadily without a write per request.
 */
export class OutcomeBuffer {
  readonly summary = { succeeded: 0, failed: 0 };
  private pending = new Map<string, DeliveryOutcome>();
  private saving: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly batchId: string,
    private readonly heartbeat: (details: { finished: number }) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.save().catch(() => undefined), SAVE_INTERVAL_MS);
  }

  /** Records one attempt for every delivery of a request and where it leaves them. */
  add(
    group: OpenDelivery[],
    attempt: AttemptResult,
    outcome: Pick<DeliveryOutcome, 'status' | 'errorMessage'>,
  ): void {
    for (const { deliveryId } of group) {
      const entry = this.pending.get(deliveryId) ?? {
        deliveryId,
        status: outcome.status,
        attempts: [],
        errorMessage: null,
      };
      entry.attempts.push(attempt);
      entry.status = outcome.status;
      entry.errorMessage = outcome.errorMessage;
      this.pending.set(deliveryId, entry);
      if (outcome.status === 'succeeded') this.summary.succeeded += 1;
      if (outcome.status === 'failed') this.summary.failed += 1;
    }
  }

  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const outcomes = [...this.pending.values()];
      this.pending = new Map();
      try {
        await this.deliveries.saveOutcomes(this.batchId, outcomes);
      } catch (error) {
        // The database is unreachable for now: keep the outcomes for the next save.
        this.restore(outcomes);
        throw error;
      }
      this.heartbeat({ finished: this.summary.succeeded + this.summary.failed });
    });

    return this.saving;
  }

  private restore(outcomes: DeliveryOutcome[]): void {
    for (const outcome of outcomes) {
      const newer = this.pending.get(outcome.deliveryId);
      if (newer) newer.attempts.unshift(...outcome.attempts);
      else this.pending.set(outcome.deliveryId, outcome);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.save();
  }
}
