import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';

describe('HTTP contract', () => {
  let stack: SluiceStack;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await startSluiceStack();
    api = new ApiClient(stack);
  });

  afterAll(() => stack?.stop());

  it('refuses requests without the bearer token', async () => {
    const response = await api.request('GET', '/api/batches', undefined, 'wrong-token');

    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      code: 'UNAUTHORIZED',
      message: 'A valid bearer token is required',
    });
  });

  it('serves health probes without a token', async () => {
    const live = await fetch(`${stack.apiUrl}/health/live`);
    const ready = await fetch(`${stack.apiUrl}/health/ready`);

    expect(live.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { postgres: 'up', temporal: 'up' },
    });
  });

  it('answers an unknown batch with 404 and a code', async () => {
    const response = await api.request('GET', '/api/batches/3f1c2b8e-9d4a-4c11-8f00-5a7b6c5d4e3f');

    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });

  it('refuses an upload that is not multipart', async () => {
    const response = await api.request('POST', '/api/batches', { file: 'a,b' });

    expect(response.status).toBe(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('publishes the upload limit for the console', async () => {
    const response = await api.request('GET', '/api/limits');

    expect(response.body).toEqual({ maxUploadBytes: 1024 ** 3 });
  });

  it('echoes a correlation id on every answer', async () => {
    const response = await api.request('GET', '/api/batches');

    expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists batches newest first with paging', async () => {
    const first = await api.upload('first.csv', 'a\n1\n');
    const second = await api.upload('second.csv', 'a\n1\n');

    const page = await api.request('GET', '/api/batches?limit=2');

    expect(page.body.items.map((batch: { id: string }) => batch.id)).toEqual([second.id, first.id]);
    expect(page.body).toMatchObject({ offset: 0, limit: 2 });
  });

  it('refuses paging parameters out of range, naming them', async () => {
    const response = await api.request('GET', '/api/batches?limit=0&offset=-1');

    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { field: string }) => issue.field)).toEqual([
      'offset',
      'limit',
    ]);
  });
});
