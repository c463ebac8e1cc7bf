import type { BatchEntity, EndpointConfigEntity } from '@sluice/persistence';
import { DELIVERY_DEFAULTS } from '@sluice/shared';

import { toBatchView } from './batch-view.mapper';

const batch = {
  id: '0f8a3c1e-2b4d-4e6f-8a9b-0c1d2e3f4a5b',
  fileName: 'people.csv',
  fileSizeBytes: 120,
  phase: 'sending',
  reason: null,
  format: null,
  recordCount: 10,
  parseErrorCount: 1,
  succeededCount: 6,
  failedCount: 1,
  endpointConfigId: 'c0',
  createdAt: new Date('2026-12-03T10:00:00Z'),
  updatedAt: new Date('2026-12-03T10:01:00Z'),
  parsedAt: new Date('2026-12-03T10:00:10Z'),
  approvedAt: null,
  completedAt: null,
  ratePerSecond: 20,
  concurrency: null,
  recordsPerRequest: null,
  control: 'run',
  passNumber: 1,
} as BatchEntity;

const endpoint = {
  id: 'c0',
  batchId: '0f8a3c1e-2b4d-4e6f-8a9b-0c1d2e3f4a5b',
  createdAt: new Date('2026-12-03T10:02:00Z'),
  url: 'https://crm.example.test/hooks?token=abc',
  headerNames: ['Authorization'],
  headersCiphertext: 'v1.sealed',
  secretCiphertext: 'v1.sealed',
  settings: { ...DELIVERY_DEFAULTS, ratePerSecond: 5 },
} as EndpointConfigEntity;

const temporal = { uiUrl: 'http://127.0.0.1:8233/', namespace: 'default' };

describe('toBatchView', () => {
  it('derives pending from the stored counters', () => {
    expect(toBatchView(batch, null, temporal).counts).toEqual({
      records: 10,
      parseErrors: 1,
      succeeded: 6,
      failed: 1,
      pending: 3,
    });
  });

  it('links the workflow in the Temporal Web UI', () => {
    expect(toBatchView(batch, null, temporal).temporalUrl).toBe(
      `http://127.0.0.1:8233/namespaces/default/workflows/batch-${batch.id}`,
    );
  });

  it('shows header names and hides header values and query strings', () => {
    const view = toBatchView(batch, endpoint, temporal);

    expect(view.endpoint).toMatchObject({
      url: 'https://crm.example.test/hooks?…',
      headerNames: ['Authorization'],
    });
    expect(JSON.stringify(view)).not.toMatch(/sealed|token=abc/);
  });

  it('shows the live rate an operator set over the one given at approval', () => {
    expect(toBatchView(batch, endpoint, temporal).endpoint?.ratePerSecond).toBe(20);
  });
});
