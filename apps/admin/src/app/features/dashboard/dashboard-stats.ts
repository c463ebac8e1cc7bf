import { BatchPhase, BatchView, isTerminalPhase } from '@sluice/shared';

/** The figures on the dashboard's cards. */
export interface DashboardStats {
  deliveriesToday: number;
  successRateToday: number | null;
  inProgress: number;
  inProgressByPhase: Partial<Record<BatchPhase, number>>;
}

/** Succeeded and failed deliveries per day, oldest day first, for the outcomes chart. */
export interface OutcomesByDay {
  days: string[];
  succeeded: number[];
  failed: number[];
}

/**
 * Adds up the batches the dashboard has read.
 * LIMITATION: the API has no per-day delivery statistics yet, so "today" counts every delivery
 * of the batches touched today (updated since local midnight), and only among the newest
 * batches read; a batch started yesterday that finished today counts wholly for today.
 */
export function dashboardStats(batches: readonly BatchView[], now = new Date()): DashboardStats {
  const midnight = startOfDay(now).getTime();
  const today = batches.filter((batch) => Date.parse(batch.updatedAt) >= midnight);
  const succeeded = sum(today.map((batch) => batch.counts.succeeded));
  const failed = sum(today.map((batch) => batch.counts.failed));
  const active = batches.filter((batch) => !isTerminalPhase(batch.phase));
  const inProgressByPhase: Partial<Record<BatchPhase, number>> = {};
  for (const batch of active) {
    inProgressByPhase[batch.phase] = (inProgressByPhase[batch.phase] ?? 0) + 1;
  }

  return {
    deliveriesToday: succeeded + failed,
    successRateToday: succeeded + failed > 0 ? succeeded / (succeeded + failed) : null,
    inProgress: active.length,
    inProgressByPhase,
  };
}

/** Outcomes of the last `dayCount` days, each batch on the local day it last changed. */
export function outcomesByDay(
  batches: readonly BatchView[],
  dayCount: number,
  now = new Date(),
): OutcomesByDay {
  const firstDay = startOfDay(now);
  firstDay.setDate(firstDay.getDate() - (dayCount - 1));
  const keys = Array.from({ length: dayCount }, (_, offset) => {
    const day = new Date(firstDay);
    day.setDate(firstDay.getDate() + offset);
    return dayKey(day);
  });
  const succeeded = keys.map(() => 0);
  const failed = keys.map(() => 0);
  for (const batch of batches) {
    const index = keys.indexOf(dayKey(new Date(batch.completedAt ?? batch.updatedAt)));
    if (index >= 0) {
      succeeded[index] += batch.counts.succeeded;
      failed[index] += batch.counts.failed;
    }
  }

  return { days: keys, succeeded, failed };
}

function startOfDay(instant: Date): Date {
  return new Date(instant.getFullYear(), instant.getMonth(), instant.getDate());
}

/** `YYYY-MM-DD` of the local day. */
function dayKey(day: Date): string {
  const month = String(day.getMonth() + 1).padStart(2, '0');
  const date = String(day.getDate()).padStart(2, '0');

  return `${day.getFullYear()}-${month}-${date}`;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
