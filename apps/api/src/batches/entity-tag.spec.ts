import { entityTag, isTagMatched } from './entity-tag';

describe('entityTag', () => {
  it('gives equal bodies equal tags and different bodies different tags', () => {
    expect(entityTag('{"a":1}')).toBe(entityTag('{"a":1}'));
    expect(entityTag('{"a":1}')).not.toBe(entityTag('{"a":2}'));
  });

  it('is a quoted strong tag', () => {
    expect(entityTag('{}')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });
});

describe('isTagMatched', () => {
  const tag = entityTag('{"a":1}');

  it('matches the tag alone, in a list, or weakened', () => {
    expect(isTagMatched(tag, tag)).toBe(true);
    expect(isTagMatched(`"other", ${tag}`, tag)).toBe(true);
    expect(isTagMatched(`W/${tag}`, tag)).toBe(true);
    expect(isTagMatched('*', tag)).toBe(true);
  });

  it('does not match a missing or different tag', () => {
    expect(isTagMatched(undefined, tag)).toBe(false);
    expect(isTagMatched('"other"', tag)).toBe(false);
  });
});
