import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { io } from 'socket.io-client';

import { BATCHES_NAMESPACE } from '@sluice/shared';

import { ApiClient } from '../../../tools/testing/api-client';
import { RealtimeClient } from '../../../tools/testing/realtime-client';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';

const CONSOLE_ORIGIN = 'http://console.sluice.test:8081';
const FAILURE_LIMIT = 5;
const WINDOW_MS = 3_000;

/** Tries a Socket.IO handshake as a browser page of `origin` would; resolves how it ended. */
function handshakeFrom(stack: SluiceStack, origin: string): Promise<'connected' | string> {
  const socket = io(`${stack.apiUrl}${BATCHES_NAMESPACE}`, {
    auth: { token: stack.token },
    extraHeaders: { origin },
    transports: ['polling'],
    forceNew: true,
    reconnection: false,
  });

  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error.message);
    });
  });
}

describe('security of the API surface', () => {
  let stack: SluiceStack;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await startSluiceStack({
      inProcessWorker: false,
      apiEnv: {
        API_CORS_ORIGIN: CONSOLE_ORIGIN,
        API_AUTH_FAILURE_LIMIT: String(FAILURE_LIMIT),
        API_AUTH_FAILURE_WINDOW_MS: String(WINDOW_MS),
        API_METRICS_PUBLIC: 'true',
      },
    });
    api = new ApiClient(stack);
  });

  afterAll(() => stack?.stop());

  it('sends security headers, and CORS headers only to the configured console origin', async () => {
    const allowed = await fetch(`${stack.apiUrl}/api/batches`, {
      headers: { origin: CONSOLE_ORIGIN, authorization: `Bearer ${stack.token}` },
    });
    const foreign = await fetch(`${stack.apiUrl}/api/batches`, {
      headers: { origin: 'http://elsewhere.test', authorization: `Bearer ${stack.token}` },
    });

    expect(allowed.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(allowed.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(allowed.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(allowed.headers.get('strict-transport-security')).toContain('max-age=');
    expect(allowed.headers.get('x-powered-by')).toBeNull();
  });

  it('accepts Socket.IO handshakes from the console origin and refuses other pages', async () => {
    expect(await handshakeFrom(stack, CONSOLE_ORIGIN)).toBe('connected');
    expect(await handshakeFrom(stack, 'http://elsewhere.test')).not.toBe('connected');
  });

  it('stores an upload under its batch id, never under the name the client sent', async () => {
    const hostileName = '../../escaped-upload.csv';

    const batch = await api.upload(hostileName, 'id,name\n1,Ann\n');
    const stored = await readdir(join(stack.dataDir, 'uploads'));

    expect(batch.fileName).toBe('escaped-upload.csv');
    expect(stored).toEqual([`${batch.id}.csv`]);
    expect(existsSync(resolve(stack.dataDir, 'uploads', hostileName))).toBe(false);
  });

  it('serves /metrics without the token when API_METRICS_PUBLIC is true', async () => {
    const response = await fetch(`${stack.apiUrl}/metrics`);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('sluice_batches{phase="sending"}');
  });

  it('never slows a client that sends the right token', async () => {
    const statuses = new Set<number>();
    for (let request = 0; request < FAILURE_LIMIT * 4; request += 1) {
      statuses.add((await api.request('GET', '/api/limits')).status);
    }

    expect([...statuses]).toEqual([200]);
  });

  it('answers 429 with Retry-After once an address has too many refused tokens', async () => {
    const refused: number[] = [];
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt += 1) {
      refused.push((await api.request('GET', '/api/batches', undefined, 'wrong-token')).status);
    }
    const limited = await api.request('GET', '/api/batches', undefined, 'another-guess');
    const rightTokenMeanwhile = await api.request('GET', '/api/batches');
    const socketMeanwhile = await RealtimeClient.connect(stack).catch((error: Error) => error);
    const retryAfterSeconds = Number(limited.headers.get('retry-after'));
    await new Promise((resolve) => setTimeout(resolve, retryAfterSeconds * 1_000 + 200));
    const afterTheWindow = await api.request('GET', '/api/batches');

    expect(refused).toEqual(Array(FAILURE_LIMIT).fill(401));
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(WINDOW_MS / 1_000);
    // A limited address learns nothing, not even whether a token is right, until the window ends.
    expect(rightTokenMeanwhile.status).toBe(429);
    expect((socketMeanwhile as { data?: { code?: string } }).data?.code).toBe('TOO_MANY_REQUESTS');
    expect(afterTheWindow.status).toBe(200);
  });

  it('counts refused socket handshakes against the same limit', async () => {
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < FAILURE_LIMIT + 1; attempt += 1) {
      const result = await RealtimeClient.connect(stack, 'wrong-token').catch(
        (error: { data?: { code?: string } }) => error.data?.code ?? 'unknown',
      );
      outcomes.push(typeof result === 'string' ? result : 'connected');
    }
    const http = await api.request('GET', '/api/batches', undefined, 'wrong-token');
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 200));

    expect(outcomes).toEqual([...Array(FAILURE_LIMIT).fill('UNAUTHORIZED'), 'TOO_MANY_REQUESTS']);
    expect(http.status).toBe(429);
  });
});

/** Operations that answer without the token by design: the probes (`@Public`). */
const PUBLIC_OPERATIONS = ['GET /health/live', 'GET /health/ready'];
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

interface DocumentedOperation {
  /** `METHOD /path`, as the OpenAPI document spells the path. */
  name: string;
  method: string;
  path: string;
  requestBody?: { content: Record<string, unknown> };
  security?: unknown;
}

/** Every operation of an OpenAPI document, with what the document says of it. */
function operationsOf(document: {
  paths: Record<string, Record<string, object>>;
}): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => {
        const upper = method.toUpperCase();
        return { ...operation, name: `${upper} ${path}`, method: upper, path };
      }),
  );
}

/** Calls an operation with no Authorization header, as small a request as it documents. */
async function callWithoutToken(stack: SluiceStack, operation: DocumentedOperation) {
  const path = operation.path.replace(/\{[^}]+\}/g, () => randomUUID());
  const content = operation.requestBody?.content ?? {};
  let body: BodyInit | undefined;
  const headers: Record<string, string> = {};
  if ('multipart/form-data' in content) {
    // A valid upload: without the guard it would be accepted, so only the token can refuse it.
    body = new FormData();
    body.append('file', new Blob(['id\n1\n']), 'people.csv');
  } else if ('application/json' in content) {
    body = '{}';
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method: operation.method,
    headers,
    body,
  });
  const text = await response.text();

  return { status: response.status, code: text.startsWith('{') ? JSON.parse(text).code : text };
}

describe('the token on every documented route', () => {
  let stack: SluiceStack;

  beforeAll(async () => {
    stack = await startSluiceStack({
      inProcessWorker: false,
      // A missing token counts as a refused one: with the default limit, routes past the
      // twentieth would answer 429, hiding whether they check the token at all.
      apiEnv: { API_AUTH_FAILURE_LIMIT: '100000' },
    });
  });

  afterAll(() => stack?.stop());

  it('answers 401 to every operation of the OpenAPI document but the probes', async () => {
    const document = await (await fetch(`${stack.apiUrl}/api/docs/openapi.json`)).json();
    const operations = operationsOf(document);
    const guarded = operations.filter((operation) => !PUBLIC_OPERATIONS.includes(operation.name));

    const answers = [];
    for (const operation of guarded) {
      answers.push({ operation: operation.name, ...(await callWithoutToken(stack, operation)) });
    }

    // The list comes from the running API: check it is the real one, so this cannot pass empty.
    const names = operations.map((operation) => operation.name);
    expect(names).toEqual(expect.arrayContaining(PUBLIC_OPERATIONS));
    expect(names).toEqual(
      expect.arrayContaining(['POST /api/batches', 'POST /api/batches/{batchId}/approve']),
    );
    expect(guarded.length).toBeGreaterThanOrEqual(15);
    expect(answers).toEqual(
      guarded.map(({ name }) => ({ operation: name, status: 401, code: 'UNAUTHORIZED' })),
    );
    // What the document tells clients agrees: every guarded operation declares the bearer token.
    const undeclared = guarded.filter((op) => JSON.stringify(op.security) !== '[{"bearer":[]}]');
    expect(undeclared.map((operation) => operation.name)).toEqual([]);
  });
});
