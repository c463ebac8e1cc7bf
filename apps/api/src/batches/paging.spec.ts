import { ValidationError } from '@sluice/shared';

import { MAX_PAGE_SIZE, parsePaging, parsePhase } from './paging';

describe('parsePaging', () => {
  it('defaults to the first page', () => {
    expect(parsePaging({})).toEqual({ offset: 0, limit: 50 });
  });

  it('reads integers from the query string', () => {
    expect(parsePaging({ offset: '40', limit: '20' })).toEqual({ offset: 40, limit: 20 });
  });

  it('refuses pages larger than the maximum', () => {
    expect(() => parsePaging({ limit: String(MAX_PAGE_SIZE + 1) })).toThrow(ValidationError);
  });
});

describe('parsePhase', () => {
  it('accepts a batch phase and nothing else', () => {
    expect(parsePhase('awaiting_approval')).toBe('awaiting_approval');
    expect(parsePhase(undefined)).toBeUndefined();
    expect(() => parsePhase('done')).toThrow(ValidationError);
  });
});
