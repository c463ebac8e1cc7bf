import { isBatchPhase, ValidationError, type BatchPhase, type FieldIssue } from '@sluice/shared';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

/** Reads `offset` and `limit` from a query string, refusing anything but small integers. */
export function parsePaging(query: Record<string, unknown>): { offset: number; limit: number } {
  const issues: FieldIssue[] = [];
  const read = (name: string, fallback: number, min: number, max: number) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      issues.push({ field: name, message: `Must be an integer from ${min} to ${max}` });
    }
    return value;
  };
  const paging = {
    offset: read('offset', 0, 0, Number.MAX_SAFE_INTEGER),
    limit: read('limit', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
  };
  if (issues.length > 0) throw new ValidationError('The paging parameters are invalid', issues);

  return paging;
}

export function parsePhase(raw: unknown): BatchPhase | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw === 'string' && isBatchPhase(raw)) return raw;
  throw new ValidationError('The phase filter is invalid', [
    { field: 'phase', message: 'Is not a batch phase' },
  ]);
}
