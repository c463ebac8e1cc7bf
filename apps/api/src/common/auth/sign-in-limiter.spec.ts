import { SignInLimiter } from './sign-in-limiter';

describe(SignInLimiter.name, () => {
  let now: number;
  const limiterOf = (limit: number, windowMs: number) =>
    new SignInLimiter(limit, windowMs, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets an address try until it reaches the limit, then says how long to wait', () => {
    const limiter = limiterOf(3, 60_000);

    limiter.recordFailure('10.0.0.1');
    limiter.recordFailure('10.0.0.1');
    const beforeLimit = limiter.retryAfterSeconds('10.0.0.1');
    limiter.recordFailure('10.0.0.1');
    now += 15_500;

    expect(beforeLimit).toBeNull();
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(45);
  });

  it('counts each address on its own', () => {
    const limiter = limiterOf(1, 60_000);

    limiter.recordFailure('10.0.0.1');

    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(60);
    expect(limiter.retryAfterSeconds('10.0.0.2')).toBeNull();
  });

  it('forgets the failures once the window has passed', () => {
    const limiter = limiterOf(1, 60_000);

    limiter.recordFailure('10.0.0.1');
    now += 60_000;

    expect(limiter.retryAfterSeconds('10.0.0.1')).toBeNull();
  });
});
