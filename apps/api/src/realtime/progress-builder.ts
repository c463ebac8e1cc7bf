import type { BatchEntity } from '@sluice/persistence';
import type { BatchProgress } from '@sluice/shared';

/** What progress is computed from: the stored counters and the live figures beside them. */
export interface ProgressInputs {
  batch: Pick<
    BatchEntity,
    | 'phase'
    | 'approvedAt'
    | 'fileSizeBytes'
    | 'bytesParsed'
    | 'recordCount'
    | 'parseErrorCount'
    | 'succeededCount'
    | 'failedCount'
  >;
  inFlight: number;
  actualRatePerSecond: number | null;
  configuredRatePerSecond: number | null;
}

/** Progress of the stage the batch is in: parsing until it is approved, sending from then on. */
export function buildProgress(inputs: ProgressInputs): BatchProgress {
  const { batch } = inputs;
  const isSending = batch.phase === 'sending' || batch.phase === 'paused';
  if (!isSending && batch.approvedAt === null) {
    return {
      stage: 'parsing',
      bytesRead: batch.bytesParsed,
      bytesTotal: batch.fileSizeBytes,
      records: batch.recordCount,
      parseErrors: batch.parseErrorCount,
    };
  }
  const total = batch.recordCount;
  const pending = Math.max(0, total - batch.succeededCount - batch.failedCount);
  // Rounded so that noise in the rate does not count as a change worth pushing.
  const rate = isSending ? roundToTenth(inputs.actualRatePerSecond) : null;

  return {
    stage: 'sending',
    total,
    sent: batch.succeededCount,
    failed: batch.failedCount,
    pending,
    inFlight: inputs.inFlight,
    actualRatePerSecond: rate,
    configuredRatePerSecond: inputs.configuredRatePerSecond,
    etaSeconds: batch.phase === 'sending' ? etaSeconds(pending, rate) : null,
  };
}

function etaSeconds(pending: number, ratePerSecond: number | null): number | null {
  if (pending === 0) return 0;
  if (ratePerSecond === null || ratePerSecond <= 0) return null;

  return Math.ceil(pending / ratePerSecond);
}

function roundToTenth(value: number | null): number | null {
  return value === null ? null : Math.round(Math.max(0, value) * 10) / 10;
}
