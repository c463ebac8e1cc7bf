import type { FieldIssue } from './endpoint-config';

/** Encodings Sluice reads CSV files in; detection picks one, an operator may pick another. */
export const FILE_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

/** Field delimiters Sluice detects and accepts: comma, semicolon, tab, pipe. */
export const FILE_DELIMITERS = [',', ';', '\t', '|'] as const;
export type FileDelimiter = (typeof FILE_DELIMITERS)[number];

/**
 * Body of `POST /api/batches/:id/reparse`: how to read the file instead of what was detected.
 * A value left out keeps the one the batch has now.
 */
export interface ReparseRequest {
  encoding?: FileEncoding;
  delimiter?: FileDelimiter;
}

/** Names each invalid field of a reparse request; an empty list means it is valid. */
export function validateReparseRequest(input: unknown): FieldIssue[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ field: '(body)', message: 'Must be a JSON object' }];
  }
  const body = input as Record<string, unknown>;
  const issues: FieldIssue[] = Object.keys(body)
    .filter((key) => key !== 'encoding' && key !== 'delimiter')
    .map((field) => ({ field, message: 'Is not a reading option' }));
  if (body['encoding'] !== undefined && !isOneOf(FILE_ENCODINGS, body['encoding'])) {
    issues.push({ field: 'encoding', message: `Must be one of ${FILE_ENCODINGS.join(', ')}` });
  }
  if (body['delimiter'] !== undefined && !isOneOf(FILE_DELIMITERS, body['delimiter'])) {
    issues.push({ field: 'delimiter', message: 'Must be a comma, semicolon, tab or pipe' });
  }
  if (body['encoding'] === undefined && body['delimiter'] === undefined && issues.length === 0) {
    issues.push({ field: '(body)', message: 'Name an encoding, a delimiter or both' });
  }

  return issues;
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
