import { FailureMonitor } from './failure-monitor';

const settings = {
  autoPauseFailureRatio: 0.5,
  autoPauseWindow: 10,
  autoPauseConsecutiveFailures: 4,
};

describe(FailureMonitor.name, () => {
  it('asks to pause after the configured failures in a row', () => {
    const monitor = new FailureMonitor(settings);

    const answers = [true, true, true, true].map((failed) => monitor.record(failed));

    expect(answers.slice(0, 3)).toEqual([null, null, null]);
    expect(answers[3]).toContain('4 attempts failed in a row');
  });

  it('asks to pause when the failing share of a full window reaches the ratio', () => {
    const monitor = new FailureMonitor({ ...settings, autoPauseConsecutiveFailures: 0 });
    const pattern = [true, false, true, false, true, false, true, false, true, false];

    const answers = pattern.map((failed) => monitor.record(failed));

    expect(answers.slice(0, 9).every((answer) => answer === null)).toBe(true);
    expect(answers[9]).toContain('50% of the last 10 attempts failed');
  });

  it('stays quiet while successes keep the share low', () => {
    const monitor = new FailureMonitor({ ...settings, autoPauseConsecutiveFailures: 0 });
    const pattern = Array.from({ length: 50 }, (_, index) => index % 3 === 0);

    expect(pattern.map((failed) => monitor.record(failed)).every((a) => a === null)).toBe(true);
  });
});
