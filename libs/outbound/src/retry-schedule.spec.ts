import { DELIVERY_DEFAULTS } from '@sluice/shared';

import {
  delayBeforeNextAttempt,
  isPermanentStatus,
  isTransientStatus,
  parseRetryAfter,
} from './retry-schedule';

const permanent = DELIVERY_DEFAULTS.permanentStatusCodes;
const backoff = { backoffBaseMs: 500, backoffCapMs: 30_000 };

describe('status classification', () => {
  it.each([408, 425, 429, 500, 502, 503, 504])('retries %i', (status) => {
    expect(isTransientStatus(status)).toBe(true);
    expect(isPermanentStatus(status, permanent)).toBe(false);
  });

  it.each([400, 401, 403, 404, 410, 422, 409, 301])('gives up at once on %i', (status) => {
    expect(isPermanentStatus(status, permanent)).toBe(true);
  });

  it('treats a configured transient status as permanent', () => {
    expect(isPermanentStatus(503, [503])).toBe(true);
  });

  it('treats 2xx as neither', () => {
    expect(isTransientStatus(204)).toBe(false);
    expect(isPermanentStatus(204, permanent)).toBe(false);
  });
});

describe('delayBeforeNextAttempt', () => {
  it('grows the jitter ceiling exponentially up to the cap', () => {
    expect(delayBeforeNextAttempt(1, null, backoff, () => 1)).toBe(500);
    expect(delayBeforeNextAttempt(3, null, backoff, () => 1)).toBe(2_000);
    expect(delayBeforeNextAttempt(20, null, backoff, () => 1)).toBe(30_000);
  });

  it('draws anywhere from zero to the ceiling (full jitter)', () => {
    expect(delayBeforeNextAttempt(3, null, backoff, () => 0)).toBe(0);
    expect(delayBeforeNextAttempt(3, null, backoff, () => 0.5)).toBe(1_000);
  });

  it('follows Retry-After up to the cap', () => {
    expect(delayBeforeNextAttempt(1, 7_000, backoff)).toBe(7_000);
    expect(delayBeforeNextAttempt(1, 3_600_000, backoff)).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');

    expect(parseRetryAfter('Thu, 03 Dec 2026 10:00:05 GMT', now)).toBe(5_000);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});
