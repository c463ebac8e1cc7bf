import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

import { ApplicationFailure, CancelledFailure } from '@temporalio/common';

import {
  BatchRepository,
  ParseErrorRepository,
  RecordRepository,
  uploadPath,
  type NewParseError,
  type StoredRecord,
} from '@sluice/persistence';
import type { FileFormat } from '@sluice/shared';
import type { ParseSummary } from '@sluice/workflows';

import { detectDelimiter, InvalidHeaderError, readCsvRows } from '../csv/csv-record-reader';

/** Rows per bulk write: large enough to be fast, small enough to checkpoint often. */
const FLUSH_SIZE = 20_000;
/** Bulk writes under way at once: keeps PostgreSQL busy while the next rows are parsed. */
const WRITES_IN_FLIGHT = 2;
const SAMPLE_BYTES = 64 * 1_024;

/** Where a parse attempt got to; stored in the heartbeat so a retry resumes from there. */
export interface ParseCheckpoint {
  seq: number;
  lineNumber: number;
  parseErrorCount: number;
}

export interface ParseContext {
  checkpoint: ParseCheckpoint | undefined;
  heartbeat(checkpoint: ParseCheckpoint): void;
  signal: AbortSignal;
}

/** Streams an uploaded file into PostgreSQL: records in bulk, bad rows as parse errors. */
export class BatchParser {
  constructor(
    private readonly dataDir: string,
    private readonly batches: BatchRepository,
    private readonly records: RecordRepository,
    private readonly parseErrors: ParseErrorRepository,
  ) {}

  async parseBatchFile(batchId: string, context: ParseContext): Promise<ParseSummary> {
    const batch = await this.batches.findById(batchId);
    if (!batch) throw ApplicationFailure.nonRetryable('Batch not found', 'FILE_UNREADABLE');
    const path = uploadPath(this.dataDir, batch.storageKey);
    const delimiter = detectDelimiter(await readSample(path));
    const resumeFrom = context.checkpoint ?? { seq: 0, lineNumber: 0, parseErrorCount: 0 };
    // A previous attempt may have written past its last checkpoint before it died.
    await this.records.deleteAfter(batchId, resumeFrom.seq);
    await this.parseErrors.deleteAfterLine(batchId, resumeFrom.lineNumber);

    const progress = { ...resumeFrom, bytesRead: 0 };
    let format: FileFormat | null = null;
    let records: StoredRecord[] = [];
    let errors: NewParseError[] = [];
    // Writes overlap the parsing and each other (COPY on separate connections); a checkpoint is
    // heartbeated only once every row before it is committed, so a retry never skips a row.
    const inFlight: Promise<void>[] = [];
    let committed: Promise<void> = Promise.resolve();
    const flush = async () => {
      const [batchRecords, batchErrors, checkpoint] = [records, errors, { ...progress }];
      records = [];
      errors = [];
      if (inFlight.length >= WRITES_IN_FLIGHT) await inFlight.shift();
      const stored = Promise.all([
        this.records.insertMany(batchId, batchRecords),
        this.parseErrors.insertMany(batchId, batchErrors),
      ]);
      committed = Promise.all([committed, stored]).then(async () => {
        await this.batches.recordParseProgress(batchId, {
          recordCount: checkpoint.seq,
          parseErrorCount: checkpoint.parseErrorCount,
          bytesParsed: checkpoint.bytesRead,
          format,
        });
        const { bytesRead: _bytesRead, ...details } = checkpoint;
        context.heartbeat(details);
      });
      inFlight.push(committed);
      // Marked as handled here; a later flush (or the end) awaits it and surfaces its error.
      committed.catch(() => undefined);
      if (context.signal.aborted) throw new CancelledFailure('Parse cancelled');
    };

    const onHeader = (columns: string[]) => {
      format = { delimiter, encoding: 'utf-8', columns };
    };
    try {
      let seq = 0;
      for await (const row of readCsvRows(createReadStream(path), delimiter, onHeader)) {
        if (row.kind === 'record') {
          seq += 1;
          progress.bytesRead = row.bytesRead;
          if (seq <= resumeFrom.seq) continue;
          records.push({ seq, lineNumber: row.lineNumber, fields: row.fields });
          progress.seq = seq;
        } else if (row.lineNumber > resumeFrom.lineNumber) {
          const { kind: _kind, ...error } = row;
          errors.push(error);
          progress.parseErrorCount += 1;
        }
        progress.lineNumber = row.lineNumber;
        if (records.length + errors.length >= FLUSH_SIZE) await flush();
      }
    } catch (error) {
      // A header we cannot use is the file's fault: no retry can fix it.
      if (error instanceof InvalidHeaderError) {
        throw ApplicationFailure.nonRetryable(error.message, 'FILE_UNREADABLE');
      }
      throw error;
    }
    await flush();
    await committed;

    return { recordCount: progress.seq, parseErrorCount: progress.parseErrorCount };
  }
}

async function readSample(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    // The upload vanished from storage (or was never written): retrying will not bring it back.
    throw ApplicationFailure.nonRetryable('The uploaded file cannot be read', 'FILE_UNREADABLE', {
      cause: (error as NodeJS.ErrnoException).code,
    });
  }
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);

    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
