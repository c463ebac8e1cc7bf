import type { ReceivedWebhook, ReceiverBehaviour } from '../../tools/testing/webhook-receiver';

/** What one receiver saw, kept compactly enough for a hundred thousand records. */
export interface LedgerFigures {
  requests: number;
  uniqueIds: number;
  /** Requests beyond the first for a webhook id: at-least-once delivery at work. */
  repeatsWithSameId: number;
  /** Of those, requests for an id the receiver had already answered 2xx: true duplicates. */
  repeatsAfterSuccess: number;
  /** Webhook ids whose repeats carried a different body: must be none. */
  idsWithChangedBody: number;
  /** Records that arrived under more than one webhook id: must be none. */
  recordsWithSeveralIds: number;
}

/**
 * Wraps a receiver's behaviour to count every request by webhook id and by the record it
 * carries (the `id` column), so duplicates can be told apart: same id (allowed) or not.
 */
export class ReceiverLedger {
  private readonly bodies = new Map<string, string>();
  private readonly counts = new Map<string, number>();
  private readonly idsByRecord = new Map<string, string>();
  private changedBodies = 0;
  private severalIds = new Set<string>();
  private requests = 0;
  private afterSuccess = 0;
  /** Set by the owner: whether the receiver already answered this webhook id with a 2xx. */
  isAcknowledged: (webhookId: string) => boolean = () => false;

  constructor(
    private readonly misbehave: (
      webhookId: string,
      attempt: number,
    ) => ReturnType<ReceiverBehaviour>,
  ) {}

  readonly behaviour: ReceiverBehaviour = (webhook: ReceivedWebhook) => {
    const webhookId = String(webhook.headers['webhook-id']);
    const attempt = (this.counts.get(webhookId) ?? 0) + 1;
    this.requests += 1;
    if (this.isAcknowledged(webhookId)) this.afterSuccess += 1;
    this.counts.set(webhookId, attempt);
    const known = this.bodies.get(webhookId);
    if (known === undefined) this.bodies.set(webhookId, webhook.body);
    else if (known !== webhook.body) this.changedBodies += 1;
    const recordId = String((JSON.parse(webhook.body) as { id: string }).id);
    const firstId = this.idsByRecord.get(recordId);
    if (firstId === undefined) this.idsByRecord.set(recordId, webhookId);
    else if (firstId !== webhookId) this.severalIds.add(recordId);

    return this.misbehave(webhookId, attempt);
  };

  get uniqueIds(): number {
    return this.counts.size;
  }

  figures(): LedgerFigures {
    return {
      requests: this.requests,
      uniqueIds: this.counts.size,
      repeatsWithSameId: this.requests - this.counts.size,
      repeatsAfterSuccess: this.afterSuccess,
      idsWithChangedBody: this.changedBodies,
      recordsWithSeveralIds: this.severalIds.size,
    };
  }
}

/** A fixed pattern per receiver, from the webhook id and attempt, so a run can be replayed. */
export type Misbehaviour = {
  name: string;
  answer: (hash: number, attempt: number) => ReturnType<ReceiverBehaviour>;
};

/** Five ways a partner's endpoint misbehaves; some records fail for good in each. */
export const MISBEHAVIOURS: Misbehaviour[] = [
  {
    name: 'flaky 500s',
    answer: (hash, attempt) =>
      hash % 250 === 0 || (hash % 4 === 0 && attempt === 1) ? { status: 500 } : { status: 204 },
  },
  {
    name: 'throttling 429, some 410',
    answer: (hash, attempt) => {
      if (hash % 300 === 0) return { status: 410 };
      if (hash % 5 === 0 && attempt === 1) return { status: 429, headers: { 'retry-after': '1' } };
      return { status: 200, body: 'ok' };
    },
  },
  {
    name: 'slow answers past the timeout',
    answer: (hash, attempt) =>
      hash % 10 === 0 && attempt <= (hash % 400 === 0 ? 9 : 1)
        ? { status: 204, delayMs: 1_500 }
        : { status: 204 },
  },
  {
    name: 'dropped connections',
    answer: (hash, attempt) =>
      hash % 8 === 0 && attempt <= (hash % 320 === 0 ? 9 : 1)
        ? { status: 204, drop: true }
        : { status: 204 },
  },
  {
    name: 'a mix of all, and 400s',
    answer: (hash, attempt) => {
      if (hash % 350 === 0) return { status: 400 };
      if (attempt > 1) return { status: 204 };
      const roll = hash % 10;
      if (roll === 0) return { status: 503 };
      if (roll === 1) return { status: 429, headers: { 'retry-after': '1' } };
      if (roll === 2) return { status: 204, delayMs: 1_500 };
      if (roll === 3) return { status: 204, drop: true };
      return { status: 204 };
    },
  },
];

/** A stable number from a webhook id (a UUID), so each id always meets the same fate. */
export function hashOf(webhookId: string): number {
  let hash = 0;
  for (let index = 0; index < webhookId.length; index += 1) {
    hash = (hash * 31 + webhookId.charCodeAt(index)) >>> 0;
  }

  return hash;
}
