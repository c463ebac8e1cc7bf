import type { BatchSnapshot } from '@sluice/shared';

import { AttentionDetector } from './attention-detector';

function snapshot(
  overrides: Partial<BatchSnapshot>,
  counts: Partial<BatchSnapshot['counts']> = {},
) {
  return {
    phase: 'sending',
    reason: null,
    counts: { records: 1_000, parseErrors: 0, succeeded: 0, failed: 0, pending: 1_000, ...counts },
    ...overrides,
  } as BatchSnapshot;
}

describe(AttentionDetector.name, () => {
  it('flags a pause the worker made by itself, with its reason', () => {
    const detector = new AttentionDetector();
    const reason = 'Paused automatically: 10 attempts failed in a row';

    const notices = detector.observe(snapshot({}), snapshot({ phase: 'paused', reason }), 0);

    expect(notices).toEqual([{ kind: 'auto_paused', message: reason, count: null }]);
  });

  it('stays quiet when an operator paused the batch', () => {
    const detector = new AttentionDetector();
    const paused = snapshot({ phase: 'paused', reason: 'Paused by an operator' });

    expect(detector.observe(snapshot({}), paused, 0)).toEqual([]);
  });

  it('flags parse errors when parsing ends', () => {
    const detector = new AttentionDetector();
    const parsing = snapshot({ phase: 'parsing' }, { parseErrors: 3 });
    const parsed = snapshot({ phase: 'awaiting_approval' }, { parseErrors: 3 });

    const notices = detector.observe(parsing, parsed, 0);

    expect(notices).toEqual([
      {
        kind: 'parse_errors_found',
        message: '3 rows could not be parsed; review them before approving',
        count: 3,
      },
    ]);
  });

  it('says one row in the singular', () => {
    const detector = new AttentionDetector();
    const parsing = snapshot({ phase: 'parsing' }, { parseErrors: 1 });
    const parsed = snapshot({ phase: 'awaiting_approval' }, { parseErrors: 1 });

    const [notice] = detector.observe(parsing, parsed, 0);

    expect(notice.message).toBe('1 row could not be parsed; review it before approving');
  });

  it('flags a burst of failures once, then waits before flagging again', () => {
    const detector = new AttentionDetector();
    const seen = [0, 5, 12, 20, 40].map((failed, index) =>
      detector.observe(null, snapshot({}, { failed, succeeded: index }), index * 1_000),
    );

    expect(seen.map((notices) => notices.map((notice) => notice.count))).toEqual([
      [],
      [],
      [12],
      [],
      [],
    ]);
    expect(seen[2][0].message).toBe('12 deliveries failed for good in the last 2 seconds');
  });

  it('ignores failures that are a small share of the outcomes', () => {
    const detector = new AttentionDetector();
    detector.observe(null, snapshot({}), 0);

    const notices = detector.observe(null, snapshot({}, { failed: 20, succeeded: 500 }), 1_000);

    expect(notices).toEqual([]);
  });
});
