import type { BatchPhase, DeliverySettings } from '@sluice/shared';

/** Result of parsing a batch's file; counts only, the records stay in PostgreSQL. */
export interface ParseSummary {
  recordCount: number;
  parseErrorCount: number;
}

/** One chunk of a batch to send: a range of record sequence numbers and its share of limits. */
export interface DeliverChunkInput {
  batchId: string;
  endpointConfigId: string;
  fromSeq: number;
  toSeq: number;
  /** This chunk's share of the batch's settings while it runs beside others. */
  settings: DeliverySettings;
}

export interface ChunkSummary {
  succeeded: number;
  failed: number;
}

export interface FinalCounts {
  recordCount: number;
  succeeded: number;
  failed: number;
  pending: number;
}

/** Activities the batch workflow calls; the worker implements them. */
export interface BatchActivities {
  recordBatchPhase(input: {
    batchId: string;
    phase: BatchPhase;
    reason: string | null;
  }): Promise<void>;
  parseBatchFile(input: { batchId: string }): Promise<ParseSummary>;
  prepareDeliveries(input: { batchId: string; endpointConfigId: string }): Promise<void>;
  deliverChunk(input: DeliverChunkInput): Promise<ChunkSummary>;
  countOutcomes(input: { batchId: string }): Promise<FinalCounts>;
}
