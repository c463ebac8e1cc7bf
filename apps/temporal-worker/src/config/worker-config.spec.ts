import { InvalidConfigError } from '@sluice/shared';

import { loadWorkerConfig } from './worker-config';

describe('loadWorkerConfig', () => {
  it('applies defaults to everything but the database URL', () => {
    const config = loadWorkerConfig({ DATABASE_URL: 'postgres://sluice@127.0.0.1:5432/sluice' });

    expect(config).toMatchObject({
      temporalAddress: '127.0.0.1:7233',
      temporalNamespace: 'default',
    });
  });

  it('names every invalid variable without echoing its value', () => {
    const load = () =>
      loadWorkerConfig({ DATABASE_URL: 'mysql://s3cr3t@db', WORKER_SHUTDOWN_GRACE_MS: '-5' });

    expect(load).toThrow(InvalidConfigError);
    expect(load).toThrow('DATABASE_URL, WORKER_SHUTDOWN_GRACE_MS');
    expect(load).not.toThrow(/s3cr3t/);
  });
});
