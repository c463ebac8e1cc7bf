import { randomBytes } from 'node:crypto';

import { SecretBox, SecretBoxError } from './secret-box';

const key = () => randomBytes(32).toString('base64');

describe(SecretBox.name, () => {
  it('opens what it sealed, and seals the same text differently each time', () => {
    const box = new SecretBox(key());

    const first = box.seal('whsec_abc');
    const second = box.seal('whsec_abc');

    expect(box.open(first)).toBe('whsec_abc');
    expect(first).not.toBe(second);
    expect(first).not.toContain('whsec_abc');
  });

  it('refuses to open with another key', () => {
    const sealed = new SecretBox(key()).seal('secret');

    expect(() => new SecretBox(key()).open(sealed)).toThrow(SecretBoxError);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow(SecretBoxError);
  });
});
