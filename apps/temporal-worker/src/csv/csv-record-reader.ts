import type { Readable } from 'node:stream';

import { CsvError, parse } from 'csv-parse';

import type { FileDelimiter, FileEncoding } from '@sluice/shared';

import { TranscodingStream } from './text-encoding';

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

/** A file that cannot be read as CSV at all; no retry and no other row can fix it. */
export class FileRefusedError extends Error {}

/** The first row of the file, which names the columns. */
export class InvalidHeaderError extends FileRefusedError {}

/** How to read a file: its encoding, its delimiter, and the largest record accepted. */
export interface CsvReadOptions {
  encoding: FileEncoding;
  delimiter: FileDelimiter;
  maxRecordBytes: number;
}

const DELIMITER_CANDIDATES: readonly FileDelimiter[] = [',', ';', '\t', '|'];
// CRLF, LF and lone CR, mixed within one file, each end a record (outside quotes).
const RECORD_DELIMITERS = ['\r\n', '\n', '\r'];

/**
 * Picks the delimiter that occurs most often, outside quotes, in the header line. Spreadsheets
 * in many locales export with `;` or tab, and the header is the line most likely to be clean.
 */
export function detectDelimiter(sample: string): FileDelimiter {
  let inQuotes = false;
  const counts = new Map(DELIMITER_CANDIDATES.map((candidate) => [candidate, 0]));
  for (const char of sample) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && counts.has(char as FileDelimiter)) {
      counts.set(char as FileDelimiter, (counts.get(char as FileDelimiter) ?? 0) + 1);
    }
  }
  let best: FileDelimiter = ',';
  for (const [candidate, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = candidate;
  }

  return best;
}

/** Checks the header row (line 1): every column needs a unique, non-empty name. */
export function validateHeader(columns: string[]): string[] {
  const names = columns.map((column) => column.trim());
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const where = `Line 1, column ${index + 1}`;
    if (name === '') throw new InvalidHeaderError(`${where}: the header column has no name`);
    const first = seen.get(name);
    if (first !== undefined) {
      throw new InvalidHeaderError(
        `${where}: the header repeats the name "${name}" of column ${first + 1}`,
      );
    }
    seen.set(name, index);
  });

  return names;
}

/**
 * Streams a CSV file into the header and then its data rows, in batches of what was read: each
 * row a record, or a parse error with line and column. Empty lines are skipped; a malformed row
 * does not stop the file. Throws a `FileRefusedError` for what stops it: no header, a bad header,
 * a record over the size limit.
 */
export async function* readCsvRowBatches(
  input: Readable,
  options: CsvReadOptions,
  onHeader: (columns: string[]) => void,
): AsyncGenerator<ParsedRow[]> {
  const lines = new LineTracker();
  const skipped: ParsedRowError[] = [];
  const transcoder = options.encoding === 'utf-8' ? null : new TranscodingStream(options.encoding);
  const parser = parse({
    bom: true,
    delimiter: options.delimiter,
    record_delimiter: RECORD_DELIMITERS,
    info: true,
    // A quote inside an unquoted field is kept as a character, as spreadsheets read it.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: options.maxRecordBytes,
    on_skip: (error: CsvError | undefined) => {
      if (!(error instanceof CsvError)) return undefined;
      // Thrown here, the error stops the parser: a record this large would fill memory.
      if (error.code === 'CSV_MAX_RECORD_SIZE') throw tooLarge(error, lines, options);
      skipped.push(toRowError(error, lines));
      return undefined;
    },
    // Runs as csv-parse reads, before rows wait in the stream's buffer: lines are counted in
    // step with errors, and each row carries the errors found before it, in file order.
    // csv-parse's types do not know that `info: true` wraps each record.
    on_record: (({ record, info }: CsvRow): LocatedRow => ({
      record,
      bytes: info.bytes,
      lineNumber: lines.startOf(record, info),
      errorsBefore: skipped.splice(0),
    })) as unknown as (record: string[]) => string[],
  });
  input.on('error', (error) => parser.destroy(error));
  if (transcoder) {
    transcoder.on('error', (error) => parser.destroy(error));
    input.pipe(transcoder).pipe(parser);
  } else {
    input.pipe(parser);
  }

  let columns: string[] | null = null;
  for await (const located of batchesOf<LocatedRow>(parser)) {
    const rows: ParsedRow[] = [];
    for (const { record, bytes, lineNumber, errorsBefore } of located) {
      rows.push(...errorsBefore);
      if (columns === null) {
        columns = validateHeader(record);
        onHeader(columns);
      } else if (record.length !== columns.length) {
        rows.push(fieldCountError(lineNumber, columns.length, record.length));
      } else {
        const nulColumn = record.findIndex((field) => field.includes('\0'));
        const bytesRead = transcoder ? transcoder.bytesIn : bytes;
        rows.push(
          nulColumn >= 0
            ? nulCharacterError(lineNumber, nulColumn + 1)
            : { kind: 'record', lineNumber, fields: record, bytesRead },
        );
      }
    }
    if (rows.length > 0) yield rows;
  }
  const trailing = skipped.splice(0);
  if (trailing.length > 0) yield trailing;
  if (columns === null) throw new InvalidHeaderError('The file is empty: no header row');
}

/** {@link readCsvRowBatches} one row at a time, for callers that read only a few rows. */
export async function* readCsvRows(
  input: Readable,
  options: CsvReadOptions,
  onHeader: (columns: string[]) => void,
): AsyncGenerator<ParsedRow> {
  for await (const rows of readCsvRowBatches(input, options, onHeader)) yield* rows;
}

/**
 * Everything a stream has buffered at each step: one await per few hundred rows instead of one
 * per row, which cost a sixth of a large file's parse. Destroys the stream if left early.
 */
async function* batchesOf<T>(stream: Readable): AsyncGenerator<T[]> {
  let isEnded = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  stream.on('readable', notify);
  stream.once('end', () => ((isEnded = true), notify()));
  stream.once('error', (error: Error) => ((failure = error), notify()));
  try {
    for (;;) {
      const batch: T[] = [];
      for (let item = stream.read() as T | null; item !== null; item = stream.read()) {
        batch.push(item);
      }
      if (batch.length > 0) {
        yield batch;
      } else if (failure) {
        throw failure;
      } else if (isEnded) {
        return;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    stream.off('readable', notify);
    if (!isEnded) stream.destroy();
  }
}

interface CsvInfo {
  lines: number;
  empty_lines: number;
  bytes: number;
}

interface CsvRow {
  record: string[];
  info: CsvInfo;
}

interface LocatedRow {
  record: string[];
  bytes: number;
  lineNumber: number;
  errorsBefore: ParsedRowError[];
}

type CsvErrorInfo = CsvError & Partial<CsvInfo> & { column?: number | string };

/**
 * Turns csv-parse's line counts into the line each row starts on. csv-parse counts a CRLF
 * inside a quoted field as two lines and reports where a row ends; this corrects both.
 *
 * LIMITATION: a row csv-parse skips with an error is never seen whole, so a CRLF inside its
 * quotes is not corrected and later line numbers are one too high per such CRLF. With relaxed
 * quotes the only such row is one whose quote never closes, which runs to the end of the file.
 */
class LineTracker {
  private overcount = 0;
  private lastEndLine = 0;
  private lastEmptyLines = 0;

  startOf(record: string[], info: CsvInfo): number {
    let breaks = 0;
    for (const field of record) {
      this.overcount += countMatches(field, /\r\n/g);
      breaks += countMatches(field, /\r\n|\r|\n/g);
    }
    this.lastEndLine = info.lines - this.overcount;
    this.lastEmptyLines = info.empty_lines;

    return this.lastEndLine - breaks;
  }

  /** The line csv-parse was on when it raised `error`. */
  lineOf(error: CsvErrorInfo): number {
    return (error.lines ?? 0) - this.overcount;
  }

  /** The line the row being read when `error` was raised starts on. */
  rowStartOf(error: CsvErrorInfo): number {
    return this.lastEndLine + 1 + ((error.empty_lines ?? 0) - this.lastEmptyLines);
  }

  /** A row that was skipped ends where its error was raised, as far as later rows care. */
  skip(error: CsvErrorInfo): void {
    this.lastEndLine = this.lineOf(error);
    this.lastEmptyLines = error.empty_lines ?? this.lastEmptyLines;
  }
}

function countMatches(text: string, pattern: RegExp): number {
  if (!text.includes('\n') && !text.includes('\r')) return 0;

  return text.match(pattern)?.length ?? 0;
}

function columnOf(error: CsvErrorInfo): number | null {
  return typeof error.column === 'number' ? error.column + 1 : null;
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

/**
 * PostgreSQL cannot store a NUL character in text or JSON, and no spreadsheet writes one: the
 * row is set aside with its place rather than failing the whole file past the binary check.
 */
function nulCharacterError(lineNumber: number, columnNumber: number): ParsedRowError {
  return {
    kind: 'error',
    lineNumber,
    columnNumber,
    code: 'NUL_CHARACTER',
    message: 'The field holds a NUL character (binary data)',
  };
}

function tooLarge(error: CsvErrorInfo, lines: LineTracker, options: CsvReadOptions): Error {
  const start = lines.rowStartOf(error);
  const column = columnOf(error) ?? 1;

  return new FileRefusedError(
    `Line ${start}, column ${column}: the row is larger than the limit of ` +
      `${options.maxRecordBytes} bytes (WORKER_MAX_RECORD_BYTES); a quote that is never ` +
      'closed makes a row run on like this',
  );
}

function toRowError(error: CsvErrorInfo, lines: LineTracker): ParsedRowError {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    const lineNumber = lines.rowStartOf(error);
    const lastLine = lines.lineOf(error);
    return {
      kind: 'error',
      lineNumber,
      columnNumber: columnOf(error),
      code: error.code,
      message:
        `A quote opened in this row is never closed; ` +
        `lines ${lineNumber} to ${lastLine} were read as one row`,
    };
  }
  const lineNumber = lines.lineOf(error);
  lines.skip(error);
  // The csv-parse message quotes the offending input; keep only its first clause so no field
  // value reaches the preview or the logs.
  const summary = error.message.split(':')[0] ?? error.code;

  return {
    kind: 'error',
    lineNumber,
    columnNumber: columnOf(error),
    code: error.code,
    message: summary,
  };
}
