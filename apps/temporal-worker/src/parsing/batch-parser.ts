import { createReadStream } from 'node:fs';

import { ApplicationFailure, CancelledFailure } from '@temporalio/common';

import {
  BatchRepository,
  CopyRecordBlock,
  InsertRecordBlock,
  ParseErrorRepository,
  RecordRepository,
  uploadPath,
  type NewParseError,
  type RecordBlock,
} from '@sluice/persistence';
import type { FileFormat } from '@sluice/shared';
import { PARSE_FAILURE_TYPES, type FormatChoice, type ParseSummary } from '@sluice/workflows';

import { FileRefusedError, readCsvRowBatches } from '../csv/csv-record-reader';
import { sniffFile } from './file-sniffer';

/** Rows per bulk write: large enough to be fast, small enough to checkpoint often. */
const FLUSH_SIZE = 20_000;
/** Bulk writes under way at once: keeps PostgreSQL busy while the next rows are parsed. */
const WRITES_IN_FLIGHT = 2;

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

/** Limits a file must keep to, and how rows are stored; each is configuration of the worker. */
export interface ParseSettings {
  maxRecordBytes: number;
  maxRecordsPerBatch: number;
  /** COPY, or INSERT for a server that does not take COPY from a client. */
  recordWrites: 'copy' | 'insert';
}

/** Streams an uploaded file into PostgreSQL: records in bulk, bad rows as parse errors. */
export class BatchParser {
  constructor(
    private readonly dataDir: string,
    private readonly settings: ParseSettings,
    private readonly batches: BatchRepository,
    private readonly records: RecordRepository,
    private readonly parseErrors: ParseErrorRepository,
  ) {}

  /** Refuses a file that cannot be read as chosen, before anything is stored or replaced. */
  async checkFormat(batchId: string, choice: FormatChoice): Promise<void> {
    const path = await this.pathOf(batchId);
    await refuseUnreadable(PARSE_FAILURE_TYPES.refusedUnchanged, () =>
      sniffFile(path, choice, this.settings.maxRecordBytes),
    );
  }

  /**
   * Parses the batch's file, detecting encoding and delimiter unless `choice` gives them. A
   * first attempt replaces whatever records and parse errors the batch had, so a re-read with
   * another encoding starts clean; a retried attempt resumes from its checkpoint.
   */
  async parseBatchFile(
    batchId: string,
    choice: FormatChoice,
    context: ParseContext,
  ): Promise<ParseSummary> {
    const path = await this.pathOf(batchId);
    const { encoding, delimiter } = await refuseUnreadable(
      PARSE_FAILURE_TYPES.refusedUnchanged,
      () => sniffFile(path, choice, this.settings.maxRecordBytes),
    );
    const resumeFrom = context.checkpoint ?? { seq: 0, lineNumber: 0, parseErrorCount: 0 };
    // A previous attempt may have written past its last checkpoint before it died.
    await this.records.deleteAfter(batchId, resumeFrom.seq);
    await this.parseErrors.deleteAfterLine(batchId, resumeFrom.lineNumber);

    const progress = { ...resumeFrom, bytesRead: 0 };
    let format: FileFormat | null = null;
    let records = this.newRecordBlock(batchId);
    let errors: NewParseError[] = [];
    // Writes overlap the parsing and each other (COPY on separate connections); a checkpoint is
    // heartbeated only once every row before it is committed, so a retry never skips a row.
    const inFlight: Promise<void>[] = [];
    let committed: Promise<void> = Promise.resolve();
    const flush = async () => {
      const [batchRecords, batchErrors, checkpoint] = [records, errors, { ...progress }];
      records = this.newRecordBlock(batchId);
      errors = [];
      if (inFlight.length >= WRITES_IN_FLIGHT) await inFlight.shift();
      const stored = Promise.all([
        this.records.write(batchId, batchRecords),
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
      format = { delimiter, encoding, columns };
    };
    const options = { encoding, delimiter, maxRecordBytes: this.settings.maxRecordBytes };
    const read = async () => {
      let seq = 0;
      const batches = readCsvRowBatches(createReadStream(path), options, onHeader);
      for await (const rows of batches) {
        for (const row of rows) {
          if (row.kind === 'record') {
            seq += 1;
            if (seq > this.settings.maxRecordsPerBatch) throw this.tooManyRecords(row.lineNumber);
            progress.bytesRead = row.bytesRead;
            if (seq <= resumeFrom.seq) continue;
            records.add({ seq, lineNumber: row.lineNumber, fields: row.fields });
            progress.seq = seq;
          } else if (row.lineNumber > resumeFrom.lineNumber) {
            const { kind: _kind, ...error } = row;
            errors.push(error);
            progress.parseErrorCount += 1;
          }
          progress.lineNumber = row.lineNumber;
        }
        if (records.count + errors.length >= FLUSH_SIZE) await flush();
      }
    };
    try {
      await read();
    } catch (error) {
      if (!(error instanceof FileRefusedError)) throw error;
      // A file refused part way leaves the batch with nothing half read.
      await committed.catch(() => undefined);
      await this.discardParse(batchId);
      throw ApplicationFailure.nonRetryable(error.message, PARSE_FAILURE_TYPES.refused);
    }
    await flush();
    await committed;

    return { recordCount: progress.seq, parseErrorCount: progress.parseErrorCount };
  }

  private newRecordBlock(batchId: string): RecordBlock {
    return this.settings.recordWrites === 'copy'
      ? new CopyRecordBlock(batchId)
      : new InsertRecordBlock();
  }

  private async pathOf(batchId: string): Promise<string> {
    const batch = await this.batches.findById(batchId);
    if (!batch) throw ApplicationFailure.nonRetryable('Batch not found', 'FILE_UNREADABLE');

    return uploadPath(this.dataDir, batch.storageKey);
  }

  private async discardParse(batchId: string): Promise<void> {
    await this.records.deleteAfter(batchId, 0);
    await this.parseErrors.deleteAfterLine(batchId, 0);
    await this.batches.recordParseProgress(batchId, {
      recordCount: 0,
      parseErrorCount: 0,
      bytesParsed: 0,
      format: null,
    });
  }

  private tooManyRecords(lineNumber: number): FileRefusedError {
    const limit = this.settings.maxRecordsPerBatch;
    return new FileRefusedError(
      `Line ${lineNumber}: the file has more than ${limit} records, the most one batch takes ` +
        '(WORKER_MAX_RECORDS_PER_BATCH); split it into several files',
    );
  }
}

/** A file Sluice cannot read is the file's fault: no retry can fix it. */
async function refuseUnreadable<T>(type: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof FileRefusedError)
      throw ApplicationFailure.nonRetryable(error.message, type);
    throw error;
  }
}
