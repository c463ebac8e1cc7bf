import type { BatchPhase, BatchView } from '@sluice/shared';

import type { ApiEndpoint } from './sluice-stack';

/** Calls the API as an operator would, with the bearer token. */
export class ApiClient {
  constructor(private readonly stack: ApiEndpoint) {}

  async request(method: string, path: string, body?: unknown, token = this.stack.token) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.stack.apiUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();

    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : null,
    };
  }

  async upload(fileName: string, content: string): Promise<BatchView> {
    const form = new FormData();
    form.append('file', new Blob([content]), fileName);
    const response = await fetch(`${this.stack.apiUrl}/api/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.stack.token}` },
      body: form,
    });
    const body = await response.json();
    if (response.status !== 201) {
      throw new Error(`Upload answered ${response.status}: ${JSON.stringify(body)}`);
    }

    return body as BatchView;
  }

  async getBatch(batchId: string): Promise<BatchView> {
    const { status, body } = await this.request('GET', `/api/batches/${batchId}`);
    if (status !== 200) throw new Error(`Batch ${batchId} answered ${status}`);

    return body as BatchView;
  }

  /** Polls until the batch reaches one of `phases`; fails with the last phase seen. */
  async waitForPhase(batchId: string, phases: BatchPhase[], timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    let batch = await this.getBatch(batchId);
    while (!phases.includes(batch.phase)) {
      if (Date.now() > deadline) {
        throw new Error(`Batch ${batchId} stayed ${batch.phase}, expected ${phases.join(' or ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      batch = await this.getBatch(batchId);
    }

    return batch;
  }
}
