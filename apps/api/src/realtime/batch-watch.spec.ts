import type { BatchPhase, BatchSnapshot } from '@sluice/shared';

import { BatchWatch, MIN_PROGRESS_GAP_MS, progressGapMs, TICK_MS } from './batch-watch';

function snapshot(phase: BatchPhase, sent: number): BatchSnapshot {
  return {
    id: 'b1',
    phase,
    reason: null,
    counts: { records: 100, parseErrors: 0, succeeded: sent, failed: 0, pending: 100 - sent },
    createdAt: '2026-12-03T10:00:00.000Z',
    approvedAt: '2026-12-03T10:00:01.000Z',
    completedAt: null,
    updatedAt: `2026-12-03T10:00:${String(sent % 60).padStart(2, '0')}.000Z`,
  } as BatchSnapshot;
}

/** A watch over scripted reads; each read returns the next snapshot, the last one repeats. */
function watchOver(script: BatchSnapshot[], subscribers = 1) {
  const sent: { event: string; atMs: number; payload: unknown }[] = [];
  let reads = 0;
  const read = async () => script[Math.min(reads++, script.length - 1)];
  const watch = new BatchWatch(
    'b1',
    read,
    (event, payload) => sent.push({ event, atMs: Date.now(), payload }),
    () => subscribers,
    { warn: jest.fn() },
  );

  return { watch, sent, readCount: () => reads };
}

describe(BatchWatch.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('sends a phase change before the progress that shows it', async () => {
    const { watch, sent } = watchOver([snapshot('awaiting_approval', 0), snapshot('sending', 0)]);
    watch.start();

    await jest.advanceTimersByTimeAsync(TICK_MS * 2);
    watch.stop();

    expect(sent.map(({ event }) => event)).toEqual([
      'batch.progressed',
      'batch.phase_changed',
      'batch.progressed',
    ]);
  });

  it('sends nothing while the snapshot stays the same', async () => {
    const { watch, sent } = watchOver([snapshot('sending', 5)]);
    watch.start();

    await jest.advanceTimersByTimeAsync(TICK_MS * 8);
    watch.stop();

    expect(sent).toHaveLength(1);
  });

  it('keeps progress events a quarter second apart, even with joins between ticks', async () => {
    const script = Array.from({ length: 200 }, (_, index) => snapshot('sending', index % 100));
    const { watch, sent } = watchOver(script);
    watch.start();

    for (let step = 0; step < 20; step += 1) {
      void watch.join(() => undefined);
      await jest.advanceTimersByTimeAsync(130);
    }
    watch.stop();

    const times = sent.filter(({ event }) => event === 'batch.progressed').map((e) => e.atMs);
    const gaps = times.slice(1).map((atMs, index) => atMs - times[index]);
    expect(times.length).toBeGreaterThan(5);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_PROGRESS_GAP_MS);
  });

  it('spaces progress events further apart for a large room', async () => {
    const script = Array.from({ length: 100 }, (_, index) => snapshot('sending', index));
    const { watch, sent } = watchOver(script, 200);
    watch.start();

    await jest.advanceTimersByTimeAsync(5_000);
    watch.stop();

    const times = sent.filter(({ event }) => event === 'batch.progressed').map((e) => e.atMs);
    const gaps = times.slice(1).map((atMs, index) => atMs - times[index]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(progressGapMs(200));
    expect(progressGapMs(200)).toBe(500);
    expect(progressGapMs(1)).toBe(MIN_PROGRESS_GAP_MS);
  });

  it('admits a joiner with the snapshot that later events build on', async () => {
    const { watch, sent } = watchOver([1, 2, 3, 4, 5].map((count) => snapshot('sending', count)));
    watch.start();
    await jest.advanceTimersByTimeAsync(TICK_MS * 2);
    let admitted: BatchSnapshot | null = null;

    await watch.join((current) => (admitted = current));
    const countAtJoin = sent.length;
    await jest.advanceTimersByTimeAsync(TICK_MS * 4);
    watch.stop();

    const later = sent
      .slice(countAtJoin)
      .map(({ payload }) => payload as { snapshot: BatchSnapshot });
    expect(admitted).not.toBeNull();
    for (const { snapshot: next } of later) {
      expect(next.counts.succeeded).toBeGreaterThan(admitted!.counts.succeeded);
    }
  });

  it('sends the completion once and then looks less often', async () => {
    const { watch, sent, readCount } = watchOver([
      snapshot('sending', 90),
      { ...snapshot('completed', 100), completedAt: '2026-12-03T10:00:09.000Z' },
    ]);
    watch.start();
    await jest.advanceTimersByTimeAsync(TICK_MS * 2);
    const readsAtEnd = readCount();

    await jest.advanceTimersByTimeAsync(2_000);
    watch.stop();

    expect(sent.filter(({ event }) => event === 'batch.completed')).toHaveLength(1);
    expect(readCount() - readsAtEnd).toBeLessThanOrEqual(2);
  });

  it('reads nothing more once stopped', async () => {
    const { watch, readCount } = watchOver([snapshot('sending', 1)]);
    watch.start();
    await jest.advanceTimersByTimeAsync(TICK_MS);

    watch.stop();
    const readsAtStop = readCount();
    await jest.advanceTimersByTimeAsync(TICK_MS * 4);

    expect(readCount()).toBe(readsAtStop);
  });
});
