import { InvalidConfigError } from '@sluice/shared';

import { loadWorkerConfig } from './worker-config';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadWorkerConfig', () => {
  it('applies defaults to everything but the database URL', () => {
    const config = loadWorkerConfig({
      DATABASE_URL: 'postgres://sluice@127.0.0.1:5432/sluice',
      SLUICE_ENCRYPTION_KEY: KEY,
    });

    expect(config).toMatchObject({
      temporalAddress: '127.0.0.1:7233',
      temporalNamespace: 'default',
      httpHost: '127.0.0.1',
      httpPort: 9464,
    });
  });

  it('names every invalid variable without echoing its value', () => {
    const load = () =>
      loadWorkerConfig({
        DATABASE_URL: 'mysql://s3cr3t@db',
        SLUICE_ENCRYPTION_KEY: KEY,
        WORKER_SHUTDOWN_GRACE_MS: '-5',
      });

    expect(load).toThrow(InvalidConfigError);
    expect(load).toThrow('DATABASE_URL, WORKER_SHUTDOWN_GRACE_MS');
    expect(load).not.toThrow(/s3cr3t/);
  });

  it('requires a 32-byte encryption key', () => {
    const load = () =>
      loadWorkerConfig({ DATABASE_URL: 'postgres://db/sluice', SLUICE_ENCRYPTION_KEY: 'c2hvcnQ=' });

    expect(load).toThrow('SLUICE_ENCRYPTION_KEY');
  });

  it('limits rows to 2 MiB and batches to 10 million records unless set', () => {
    const config = loadWorkerConfig({
      DATABASE_URL: 'postgres://db/sluice',
      SLUICE_ENCRYPTION_KEY: KEY,
    });

    expect(config).toMatchObject({ maxRecordBytes: 2_097_152, maxRecordsPerBatch: 10_000_000 });
  });

  it('says which rule a limit breaks, without echoing the value', () => {
    const load = () =>
      loadWorkerConfig({
        DATABASE_URL: 'postgres://db/sluice',
        SLUICE_ENCRYPTION_KEY: KEY,
        WORKER_MAX_RECORD_BYTES: '12',
        WORKER_MAX_RECORDS_PER_BATCH: '0',
      });

    expect(load).toThrow(
      'Invalid or missing configuration: WORKER_MAX_RECORD_BYTES, WORKER_MAX_RECORDS_PER_BATCH ' +
        '(WORKER_MAX_RECORD_BYTES: must be at least 1024 bytes; ' +
        'WORKER_MAX_RECORDS_PER_BATCH: must be at least 1)',
    );
  });
});
