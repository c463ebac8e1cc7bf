import type { BatchSnapshot } from '@sluice/shared';

import { BatchCompletion } from './batch-completion';

function snapshot(phase: BatchSnapshot['phase'], succeeded: number): BatchSnapshot {
  return {
    id: 'b1',
    phase,
    reason: null,
    counts: { records: 10, parseErrors: 0, succeeded, failed: 0, pending: 10 - succeeded },
    createdAt: '2026-12-03T10:00:00.000Z',
    approvedAt: '2026-12-03T10:00:05.000Z',
    completedAt: phase === 'sending' ? null : '2026-12-03T10:00:09.000Z',
    updatedAt: '2026-12-03T10:00:09.000Z',
  } as BatchSnapshot;
}

describe(BatchCompletion.name, () => {
  it('completes a finished batch at once, with its counts and durations', () => {
    const completion = new BatchCompletion();
    completion.observe(snapshot('sending', 5), 0);

    const event = completion.observe(snapshot('completed', 10), 100);

    expect(event).toMatchObject({
      batchId: 'b1',
      phase: 'completed',
      counts: { succeeded: 10, pending: 0 },
      durationMs: 9_000,
      sendingDurationMs: 4_000,
    });
  });

  it('completes only once', () => {
    const completion = new BatchCompletion();
    completion.observe(snapshot('sending', 5), 0);
    completion.observe(snapshot('completed', 10), 100);

    expect(completion.observe(snapshot('completed', 10), 400)).toBeNull();
  });

  it('waits for the counts of a cancelled batch to hold still', () => {
    const completion = new BatchCompletion();
    completion.observe(snapshot('sending', 5), 0);

    const seen = [
      completion.observe(snapshot('cancelled', 6), 100),
      completion.observe(snapshot('cancelled', 7), 600),
      completion.observe(snapshot('cancelled', 7), 1_200),
      completion.observe(snapshot('cancelled', 7), 1_700),
    ];

    expect(seen.map((event) => event?.counts.succeeded ?? null)).toEqual([null, null, null, 7]);
  });

  it('sends nothing for a batch that had already ended when watching began', () => {
    const completion = new BatchCompletion();

    expect(completion.observe(snapshot('completed', 10), 0)).toBeNull();
  });

  it('completes again after a retry pass ends', () => {
    const completion = new BatchCompletion();
    completion.observe(snapshot('sending', 5), 0);
    completion.observe(snapshot('completed', 10), 100);
    completion.observe(snapshot('sending', 10), 200);

    expect(completion.observe(snapshot('completed', 10), 300)).not.toBeNull();
  });
});
