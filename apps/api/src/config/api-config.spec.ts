import { InvalidConfigError } from '@sluice/shared';

import { loadApiConfig } from './api-config';

const REQUIRED = {
  DATABASE_URL: 'postgres://sluice@127.0.0.1:5432/sluice',
  SLUICE_API_TOKEN: 'a-token-of-enough-length',
  SLUICE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('loadApiConfig', () => {
  it('allows no cross-origin caller and keeps /metrics behind the token by default', () => {
    const config = loadApiConfig(REQUIRED);

    expect(config).toMatchObject({
      corsOrigins: [],
      isMetricsPublic: false,
      authFailureLimit: 20,
      authFailureWindowMs: 60_000,
      trustProxy: undefined,
    });
  });

  it('reads a comma-separated list of console origins', () => {
    const config = loadApiConfig({
      ...REQUIRED,
      API_CORS_ORIGIN: 'http://localhost:8081, https://console.example.com',
      API_METRICS_PUBLIC: 'true',
    });

    expect(config.corsOrigins).toEqual(['http://localhost:8081', 'https://console.example.com']);
    expect(config.isMetricsPublic).toBe(true);
  });

  it('refuses an origin with a path or a wildcard, naming the variable only', () => {
    for (const origin of ['https://console.example.com/app', '*', 'console.example.com']) {
      const load = () => loadApiConfig({ ...REQUIRED, API_CORS_ORIGIN: origin });

      expect(load).toThrow(InvalidConfigError);
      expect(load).toThrow('API_CORS_ORIGIN');
      expect(load).not.toThrow(origin);
    }
  });

  it('names a short token and a bad limit without echoing them', () => {
    const load = () =>
      loadApiConfig({ ...REQUIRED, SLUICE_API_TOKEN: 'short-s3cr3t', API_AUTH_FAILURE_LIMIT: '0' });

    expect(load).toThrow('SLUICE_API_TOKEN, API_AUTH_FAILURE_LIMIT');
    expect(load).not.toThrow(/s3cr3t/);
  });
});
