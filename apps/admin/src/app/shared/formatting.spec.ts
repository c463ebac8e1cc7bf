import { elapsedMs, formatBytes, formatDuration, percentOf } from './formatting';

describe('formatting', () => {
  it('writes sizes in the largest unit that keeps a number above one', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1_536)).toBe('1.5 KB');
    expect(formatBytes(1_024 ** 3)).toBe('1 GB');
    expect(formatBytes(250 * 1_024 ** 2)).toBe('250 MB');
  });

  it('writes durations with at most two units', () => {
    expect(formatDuration(800)).toBe('1 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(3 * 3_600_000 + 60_000)).toBe('3 h 1 min');
    expect(formatDuration(7_200_000)).toBe('2 h');
  });

  it('gives no percentage of nothing', () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(0, 0)).toBeNull();
  });

  it('measures a running span up to now', () => {
    expect(elapsedMs('2026-03-02T10:00:00Z', null, Date.parse('2026-03-02T10:00:30Z'))).toBe(
      30_000,
    );
    expect(elapsedMs('2026-03-02T10:00:00Z', '2026-03-02T10:01:00Z')).toBe(60_000);
    expect(elapsedMs(null, null)).toBeNull();
  });
});
