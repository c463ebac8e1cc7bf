import { BatchView, Page } from '@sluice/shared';

let sequence = 0;

/** A batch as the API would return it, unique per call; override what the test is about. */
export function aBatchView(overrides: Partial<BatchView> = {}): BatchView {
  sequence += 1;
  const id = `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;

  return {
    id,
    fileName: `orders-${sequence}.csv`,
    fileSizeBytes: 2048,
    phase: 'awaiting_approval',
    reason: null,
    counts: { records: 120, parseErrors: 2, succeeded: 0, failed: 0, pending: 120 },
    format: { delimiter: ',', encoding: 'utf-8', columns: ['id', 'email'] },
    endpoint: null,
    createdAt: '2026-03-02T10:15:00.000Z',
    updatedAt: '2026-03-02T10:15:05.000Z',
    parsedAt: '2026-03-02T10:15:05.000Z',
    approvedAt: null,
    completedAt: null,
    workflowId: `batch-${id}`,
    temporalUrl: `http://localhost:8233/namespaces/default/workflows/batch-${id}`,
    ...overrides,
  };
}

/** One page of a list as the API returns it. */
export function aPage<T>(items: T[], overrides: Partial<Page<T>> = {}): Page<T> {
  return { items, total: items.length, offset: 0, limit: 20, ...overrides };
}
