import type { BatchPhase, DeliverySettings, FileDelimiter, FileEncoding } from '@sluice/shared';

/** Result of parsing a batch's file; counts only, the records stay in PostgreSQL. */
export interface ParseSummary {
  recordCount: number;
  parseErrorCount: number;
}

/** How to read a batch's file instead of detecting it; names only, never file content. */
export interface FormatChoice {
  encoding?: FileEncoding;
  delimiter?: FileDelimiter;
}

/** Input of the parse activity; `format` is absent on the first parse (all is detected). */
export interface ParseBatchFileInput {
  batchId: string;
  format?: FormatChoice;
}

/** A range of record sequence numbers, both ends included. */
export interface SeqRange {
  fromSeq: number;
  toSeq: number;
}

/** One chunk of a batch to send: a range of records and how many chunks share the batch. */
export interface DeliverChunkInput extends SeqRange {
  batchId: string;
  endpointConfigId: string;
  /** Chunks running side by side; each takes this share of the batch's live rate. */
  parallelChunks: number;
  settings: DeliverySettings;
}

export interface ChunkSummary {
  succeeded: number;
  failed: number;
  /** False when the chunk stopped early (auto-pause); its range must be sent again. */
  isComplete: boolean;
  autoPauseReason: string | null;
}

export interface FinalCounts {
  recordCount: number;
  succeeded: number;
  failed: number;
  pending: number;
}

/** What running chunks follow: the batch's live settings and whether to run at all. */
export interface LiveControlInput {
  batchId: string;
  settings: Pick<DeliverySettings, 'ratePerSecond' | 'concurrency' | 'recordsPerRequest'>;
  control: 'run' | 'pause' | 'stop';
}

/** Where a run of the workflow starts sending from: the config and the ranges left. */
export interface SendingSetup {
  endpointConfigId: string;
  settings: DeliverySettings;
  recordCount: number;
}

/** Activities the batch workflow calls; the worker implements them. */
export interface BatchActivities {
  recordBatchPhase(input: {
    batchId: string;
    phase: BatchPhase;
    reason: string | null;
  }): Promise<void>;
  parseBatchFile(input: ParseBatchFileInput): Promise<ParseSummary>;
  /** Refuses (non-retryable) a file that cannot be read as chosen; stores nothing. */
  checkFileFormat(input: ParseBatchFileInput): Promise<void>;
  prepareDeliveries(input: { batchId: string; endpointConfigId: string }): Promise<void>;
  planRanges(input: { batchId: string }): Promise<SeqRange[]>;
  setLiveControl(input: LiveControlInput): Promise<void>;
  deliverChunk(input: DeliverChunkInput): Promise<ChunkSummary>;
  reopenFailed(input: {
    batchId: string;
    passNumber: number;
    errorCodes: string[] | null;
  }): Promise<SendingSetup & { reopened: number }>;
  countOutcomes(input: { batchId: string }): Promise<FinalCounts>;
}
