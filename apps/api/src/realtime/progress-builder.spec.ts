import { buildProgress, type ProgressInputs } from './progress-builder';

const parsedBatch: ProgressInputs['batch'] = {
  phase: 'parsing',
  approvedAt: null,
  fileSizeBytes: 1_000,
  bytesParsed: 400,
  recordCount: 30,
  parseErrorCount: 2,
  succeededCount: 0,
  failedCount: 0,
};

const sendingBatch: ProgressInputs['batch'] = {
  ...parsedBatch,
  phase: 'sending',
  approvedAt: new Date('2026-12-03T10:00:00Z'),
  bytesParsed: 1_000,
  recordCount: 1_000,
  succeededCount: 590,
  failedCount: 10,
};

const live = { inFlight: 3, actualRatePerSecond: 79.96, configuredRatePerSecond: 100 };

describe('buildProgress', () => {
  it('reports bytes, records and parse errors while parsing', () => {
    expect(buildProgress({ batch: parsedBatch, ...live })).toEqual({
      stage: 'parsing',
      bytesRead: 400,
      bytesTotal: 1_000,
      records: 30,
      parseErrors: 2,
    });
  });

  it('keeps the parsing figures while the batch awaits approval', () => {
    const batch = { ...parsedBatch, phase: 'awaiting_approval' as const };

    expect(buildProgress({ batch, ...live }).stage).toBe('parsing');
  });

  it('reports counts, rates and the time left while sending', () => {
    expect(buildProgress({ batch: sendingBatch, ...live })).toEqual({
      stage: 'sending',
      total: 1_000,
      sent: 590,
      failed: 10,
      pending: 400,
      inFlight: 3,
      actualRatePerSecond: 80,
      configuredRatePerSecond: 100,
      etaSeconds: 5,
    });
  });

  it('gives no time left while paused, since nothing moves', () => {
    const progress = buildProgress({ batch: { ...sendingBatch, phase: 'paused' }, ...live });

    expect(progress).toMatchObject({ actualRatePerSecond: 80, etaSeconds: null });
  });

  it('gives no time left before the rate is known', () => {
    const progress = buildProgress({ batch: sendingBatch, ...live, actualRatePerSecond: null });

    expect(progress).toMatchObject({ etaSeconds: null });
  });

  it('keeps the final counts and drops the rate once the batch has ended', () => {
    const batch = { ...sendingBatch, phase: 'completed' as const, succeededCount: 990 };

    expect(buildProgress({ batch, ...live })).toMatchObject({
      stage: 'sending',
      sent: 990,
      pending: 0,
      actualRatePerSecond: null,
      etaSeconds: null,
    });
  });

  it('shows parsing figures for a batch cancelled before approval', () => {
    const batch = { ...parsedBatch, phase: 'cancelled' as const };

    expect(buildProgress({ batch, ...live }).stage).toBe('parsing');
  });
});
