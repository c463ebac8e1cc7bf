import { aBatchView } from '../../testing/batch-views';
import { dashboardStats, outcomesByDay } from './dashboard-stats';

const now = new Date(2026, 2, 2, 15, 0);
const today = new Date(2026, 2, 2, 9, 30).toISOString();
const yesterday = new Date(2026, 2, 1, 23, 0).toISOString();

describe(dashboardStats.name, () => {
  it('counts deliveries of batches touched today and their success rate', () => {
    const stats = dashboardStats(
      [
        aBatchView({ phase: 'completed', updatedAt: today, counts: counts(90, 10) }),
        aBatchView({ phase: 'sending', updatedAt: today, counts: counts(50, 0) }),
        aBatchView({ phase: 'completed', updatedAt: yesterday, counts: counts(1_000, 0) }),
      ],
      now,
    );

    expect(stats.deliveriesToday).toBe(150);
    expect(stats.successRateToday).toBeCloseTo(140 / 150);
  });

  it('counts batches that have not ended as in progress, by phase', () => {
    const stats = dashboardStats(
      [
        aBatchView({ phase: 'sending' }),
        aBatchView({ phase: 'paused' }),
        aBatchView({ phase: 'awaiting_approval' }),
        aBatchView({ phase: 'sending' }),
        aBatchView({ phase: 'cancelled' }),
      ],
      now,
    );

    expect(stats.inProgress).toBe(4);
    expect(stats.inProgressByPhase).toEqual({ sending: 2, paused: 1, awaiting_approval: 1 });
  });

  it('has no success rate on a day without deliveries', () => {
    expect(dashboardStats([], now).successRateToday).toBeNull();
  });
});

describe(outcomesByDay.name, () => {
  it('puts each batch on the day it completed, with empty days in between', () => {
    const result = outcomesByDay(
      [
        aBatchView({ completedAt: today, counts: counts(5, 1) }),
        aBatchView({ completedAt: yesterday, counts: counts(7, 0) }),
        aBatchView({ completedAt: new Date(2026, 1, 1).toISOString(), counts: counts(9, 9) }),
      ],
      3,
      now,
    );

    expect(result).toEqual({
      days: ['2026-02-28', '2026-03-01', '2026-03-02'],
      succeeded: [0, 7, 5],
      failed: [0, 0, 1],
    });
  });
});

function counts(succeeded: number, failed: number) {
  return { records: succeeded + failed, parseErrors: 0, succeeded, failed, pending: 0 };
}
