import { DELIVERY_BOUNDS } from '@sluice/shared';

import { ApiClient } from '../../../tools/testing/api-client';
import { seriesValue } from '../../../tools/testing/prometheus-text';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { peopleCsv } from './csv-fixtures';

const RECORDS = 30;
/** Records whose first attempt the receiver answers 503, so each is retried once. */
const RETRIED_IDS = new Set(['1', '2', '3', '4', '5']);
/** The record the receiver refuses for good (410). */
const REFUSED_ID = '7';
const QUICK_RETRIES = { backoffBaseMs: 20, backoffCapMs: 100, ratePerSecond: 200 };

describe('observability: metrics, health and API docs', () => {
  let stack: SluiceStack;
  let api: ApiClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    stack = await startSluiceStack();
    api = new ApiClient(stack);
    receiver = await new WebhookReceiver().start();
  });

  afterAll(async () => {
    await receiver?.stop();
    await stack?.stop();
  });

  async function scrape(url: string, token?: string): Promise<string> {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const response = await fetch(`${url}/metrics`, { headers });
    if (response.status !== 200) throw new Error(`${url}/metrics answered ${response.status}`);

    return response.text();
  }

  async function approvedBatch(csv: string, config: Record<string, unknown>): Promise<string> {
    const batch = await api.upload('people.csv', csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    const approval = await api.request('POST', `/api/batches/${batch.id}/approve`, {
      url: receiver.url,
      ...config,
    });
    if (approval.status !== 200) throw new Error(`Approval answered ${approval.status}`);

    return batch.id;
  }

  it('counts deliveries, retries, attempts and records as the receiver saw them', async () => {
    const firstSeen = new Set<string>();
    receiver.behaviour = ({ body }) => {
      const { id } = JSON.parse(body) as { id: string };
      if (id === REFUSED_ID) return { status: 410 };
      if (RETRIED_IDS.has(id) && !firstSeen.has(id)) {
        firstSeen.add(id);
        return { status: 503 };
      }
      return { status: 204 };
    };

    const batchId = await approvedBatch(peopleCsv(RECORDS).csv, QUICK_RETRIES);
    await api.waitForPhase(batchId, ['completed_with_failures']);
    const worker = await scrape(stack.workerUrl as string);

    expect(receiver.received).toHaveLength(RECORDS + RETRIED_IDS.size);
    expect(seriesValue(worker, 'sluice_deliveries_total', { outcome: 'succeeded' })).toBe(
      RECORDS - 1,
    );
    expect(seriesValue(worker, 'sluice_deliveries_total', { outcome: 'failed' })).toBe(1);
    expect(seriesValue(worker, 'sluice_retries_total')).toBe(RETRIED_IDS.size);
    expect(seriesValue(worker, 'sluice_attempt_duration_seconds_count')).toBe(
      receiver.received.length,
    );
    expect(seriesValue(worker, 'sluice_records_parsed_total')).toBe(RECORDS);
    expect(seriesValue(worker, 'sluice_requests_in_flight')).toBe(0);
    expect(seriesValue(worker, 'sluice_auto_pauses_total')).toBe(0);
  });

  it('counts an automatic pause once, when failures pile up', async () => {
    receiver.behaviour = () => ({ status: 500 });

    const batchId = await approvedBatch(peopleCsv(20, 'pause').csv, {
      ...QUICK_RETRIES,
      concurrency: 1,
      autoPauseConsecutiveFailures: 5,
    });
    await api.waitForPhase(batchId, ['paused']);
    const worker = await scrape(stack.workerUrl as string);
    await api.request('POST', `/api/batches/${batchId}/cancel`);

    expect(seriesValue(worker, 'sluice_auto_pauses_total')).toBe(1);
  });

  it('reports batches by phase as PostgreSQL holds them, behind the token', async () => {
    const unauthorised = await fetch(`${stack.apiUrl}/metrics`);
    const text = await scrape(stack.apiUrl, stack.token);
    const completed = await api.request('GET', '/api/batches?phase=completed_with_failures');

    expect(unauthorised.status).toBe(401);
    expect(seriesValue(text, 'sluice_batches', { phase: 'completed_with_failures' })).toBe(
      completed.body.total,
    );
    expect(
      seriesValue(text, 'sluice_batches', { phase: 'completed_with_failures' }),
    ).toBeGreaterThan(0);
    expect(seriesValue(text, 'sluice_api_http_requests_in_flight')).toBe(1);
    const batchReads = seriesValue(text, 'sluice_api_http_request_duration_seconds_count', {
      method: 'GET',
      route: '/api/batches/:batchId',
      status: '200',
    });
    expect(batchReads).toBeGreaterThan(0);
  });

  it('answers the worker probes: live, and ready with PostgreSQL and Temporal up', async () => {
    const live = await fetch(`${stack.workerUrl}/health/live`);
    const ready = await fetch(`${stack.workerUrl}/health/ready`);

    expect(live.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { postgres: 'up', temporal: 'up' },
    });
  });

  it('serves an OpenAPI document generated from the routes, and a page to browse it', async () => {
    const document = await (await fetch(`${stack.apiUrl}/api/docs/openapi.json`)).json();
    const page = await fetch(`${stack.apiUrl}/api/docs`);
    const html = await page.text();
    const bundle = await fetch(`${stack.apiUrl}/api/docs/swagger-ui-bundle.js`);

    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/batches',
        '/api/batches/{batchId}',
        '/api/batches/{batchId}/approve',
        '/api/batches/{batchId}/deliveries',
        '/api/deliveries/{deliveryId}',
      ]),
    );
    const approve = document.paths['/api/batches/{batchId}/approve'].post;
    const body = approve.requestBody.content['application/json'].schema;
    const { min, max } = DELIVERY_BOUNDS.ratePerSecond;
    expect(body.properties.ratePerSecond).toMatchObject({ minimum: min, maximum: max });
    expect(approve.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/metrics']).toBeUndefined();
    expect(page.status).toBe(200);
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/src=["']https?:/);
    expect(bundle.status).toBe(200);
  });
});
