import {
  AttemptView,
  BatchSnapshot,
  BatchView,
  DELIVERY_DEFAULTS,
  DeliveryDetailView,
  DeliveryView,
  EndpointView,
  Page,
  SendingProgress,
} from '@sluice/shared';

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

/** A batch as `GET /api/batches/:id` and the gateway send it: the view and its progress. */
export function aSnapshot(
  overrides: Partial<BatchView> = {},
  progress: Partial<SendingProgress> = {},
): BatchSnapshot {
  const view = aBatchView(overrides);
  const { records, succeeded, failed, pending } = view.counts;

  return {
    ...view,
    progress: aSendingProgress({ total: records, sent: succeeded, failed, pending, ...progress }),
  };
}

/** Sending progress with nothing measured yet; override what the test is about. */
export function aSendingProgress(overrides: Partial<SendingProgress> = {}): SendingProgress {
  return {
    stage: 'sending',
    total: 0,
    sent: 0,
    failed: 0,
    pending: 0,
    inFlight: 0,
    actualRatePerSecond: null,
    configuredRatePerSecond: null,
    etaSeconds: null,
    ...overrides,
  };
}

/** One page of a list as the API returns it. */
export function aPage<T>(items: T[], overrides: Partial<Page<T>> = {}): Page<T> {
  return { items, total: items.length, offset: 0, limit: 20, ...overrides };
}

/** A delivery as the deliveries list returns it. */
export function aDeliveryView(overrides: Partial<DeliveryView> = {}): DeliveryView {
  sequence += 1;

  return {
    id: `10000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    recordSeq: sequence,
    lineNumber: sequence + 1,
    status: 'succeeded',
    attemptCount: 1,
    lastStatusCode: 204,
    lastErrorCode: null,
    completedAt: '2026-03-02T10:20:00.000Z',
    ...overrides,
  };
}

/** A delivery with its attempts, as `GET /api/deliveries/:id` returns it. */
export function aDeliveryDetail(
  delivery: DeliveryView,
  attempts: AttemptView[],
  overrides: Partial<DeliveryDetailView> = {},
): DeliveryDetailView {
  return {
    ...delivery,
    batchId: '00000000-0000-4000-8000-000000000000',
    lastErrorMessage: null,
    attempts,
    ...overrides,
  };
}

/** An endpoint as a batch view shows it, with the shared defaults. */
export function anEndpointView(overrides: Partial<EndpointView> = {}): EndpointView {
  return {
    ...DELIVERY_DEFAULTS,
    url: 'https://crm.example.test/hooks',
    headerNames: ['authorization'],
    ...overrides,
  };
}
