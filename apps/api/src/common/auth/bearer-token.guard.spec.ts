import { isSameToken } from './bearer-token.guard';

describe('isSameToken', () => {
  it('accepts the configured token', () => {
    expect(isSameToken('a-long-enough-token', 'a-long-enough-token')).toBe(true);
  });

  it('refuses a token that differs in content or length', () => {
    expect(isSameToken('a-long-enough-tokeN', 'a-long-enough-token')).toBe(false);
    expect(isSameToken('a-long', 'a-long-enough-token')).toBe(false);
    expect(isSameToken('', 'a-long-enough-token')).toBe(false);
  });
});
