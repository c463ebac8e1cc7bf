import type { Readable } from 'node:stream';

import { CsvError, parse } from 'csv-parse';

/** A data row that became a record; `lineNumber` is the line where the row starts. */
export interface ParsedRecord {
  kind: 'record';
  lineNumber: number;
  fields: string[];
  /** Bytes of the file consumed so far, for progress. */
  bytesRead: number;
}

/** A row that could not become a record. */
export interface ParsedRowError {
  kind: 'error';
  lineNumber: number;
  columnNumber: number | null;
  code: string;
  message: string;
}

export type ParsedRow = ParsedRecord | ParsedRowError;

/** The first row of the file, which names the columns. */
export class InvalidHeaderError extends Error {}

const DELIMITER_CANDIDATES = [',', ';', '\t', '|'];

/**
 * Picks the delimiter that occurs most often, outside quotes, in the header line. Spreadsheets
 * in many locales export with `;` or tab, and the header is the line most likely to be clean.
 */
export function detectDelimiter(sample: string): string {
  let inQuotes = false;
  const counts = new Map(DELIMITER_CANDIDATES.map((candidate) => [candidate, 0]));
  for (const char of sample) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [candidate, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = candidate;
  }

  return best;
}

/** Checks the header row: every column needs a unique, non-empty name. */
export function validateHeader(columns: string[]): string[] {
  const names = columns.map((column) => column.trim());
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name === '') throw new InvalidHeaderError(`Header column ${index + 1} has no name`);
    if (seen.has(name)) {
      throw new InvalidHeaderError(`Header column ${index + 1} repeats the name "${name}"`);
    }
    seen.add(name);
  });

  return names;
}

/**
 * Streams a CSV file into the header and then one item per data row: a record, or a parse error
 * with line and column. Empty lines are skipped; a malformed row does not stop the file.
 */
export async function* readCsvRows(
  input: Readable,
  delimiter: string,
  onHeader: (columns: string[]) => void,
): AsyncGenerator<ParsedRow> {
  const skipped: ParsedRowError[] = [];
  const parser = input.pipe(
    parse({
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error instanceof CsvError) skipped.push(toRowError(error));
      },
    }),
  );
  input.on('error', (error) => parser.destroy(error));

  let columns: string[] | null = null;
  let previousEndLine = 0;
  let previousEmptyLines = 0;
  for await (const { record, info } of parser as AsyncIterable<CsvRow>) {
    yield* skipped.splice(0);
    // csv-parse reports the line a row ends on; a quoted field may span several lines.
    const lineNumber = previousEndLine + 1 + (info.empty_lines - previousEmptyLines);
    previousEndLine = info.lines;
    previousEmptyLines = info.empty_lines;
    if (columns === null) {
      columns = validateHeader(record);
      onHeader(columns);
      continue;
    }
    if (record.length !== columns.length) {
      yield fieldCountError(lineNumber, columns.length, record.length);
      continue;
    }
    yield { kind: 'record', lineNumber, fields: record, bytesRead: info.bytes };
  }
  yield* skipped.splice(0);
  if (columns === null) throw new InvalidHeaderError('The file is empty: no header row');
}

interface CsvRow {
  record: string[];
  info: { lines: number; empty_lines: number; bytes: number };
}

function fieldCountError(lineNumber: number, expected: number, found: number): ParsedRowError {
  return {
    kind: 'error',
    lineNumber,
    columnNumber: Math.min(expected, found) + 1,
    code: 'FIELD_COUNT_MISMATCH',
    message: `Expected ${expected} fields, found ${found}`,
  };
}

function toRowError(error: CsvError): ParsedRowError {
  const details = error as CsvError & { lines?: number; column?: number | string };
  // The csv-parse message quotes the offending input; keep only its first clause so no field
  // value reaches the preview or the logs.
  const summary = error.message.split(':')[0] ?? error.code;

  return {
    kind: 'error',
    lineNumber: details.lines ?? 0,
    columnNumber: typeof details.column === 'number' ? details.column + 1 : null,
    code: error.code,
    message: summary,
  };
}
