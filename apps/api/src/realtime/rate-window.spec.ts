import { RATE_WINDOW_MS, RateWindow, STALL_MS } from './rate-window';

describe(RateWindow.name, () => {
  it('reports no rate until the samples span a second', () => {
    const window = new RateWindow();

    window.add(0, 0);
    window.add(500, 40);

    expect(window.ratePerSecond()).toBeNull();
  });

  it('divides the outcomes stored by the time they took', () => {
    const window = new RateWindow();

    window.add(0, 0);
    window.add(1_000, 150);
    window.add(2_000, 400);

    expect(window.ratePerSecond()).toBe(200);
  });

  it('holds steady between bulk writes', () => {
    const window = new RateWindow();
    window.add(0, 0);
    window.add(1_000, 100);
    window.add(2_000, 200);

    window.add(2_250, 200);
    window.add(2_500, 200);

    expect(window.ratePerSecond()).toBe(100);
  });

  it('falls once nothing has been stored for longer than a write interval', () => {
    const window = new RateWindow();
    window.add(0, 0);
    window.add(2_000, 200);

    window.add(2_000 + STALL_MS + 2_000, 200);

    expect(window.ratePerSecond()).toBe(40);
  });

  it('forgets samples older than the window', () => {
    const window = new RateWindow();
    window.add(0, 0);
    window.add(1_000, 1_000);

    for (let atMs = 2_000; atMs <= 2_000 + RATE_WINDOW_MS; atMs += 1_000) {
      window.add(atMs, 1_000 + (atMs - 1_000) / 10);
    }

    expect(window.ratePerSecond()).toBe(100);
  });

  it('ignores a lower count that an overlapping read returned late', () => {
    const window = new RateWindow();
    window.add(0, 0);
    window.add(1_000, 100);

    window.add(1_100, 90);
    window.add(2_000, 200);

    expect(window.ratePerSecond()).toBe(100);
  });

  it('starts over when the counts stay lower, as after reopening failed deliveries', () => {
    const window = new RateWindow();
    window.add(0, 0);
    window.add(1_000, 500);

    window.add(3_000, 300);
    window.add(4_000, 350);

    expect(window.ratePerSecond()).toBe(50);
  });
});
