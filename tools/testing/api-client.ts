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

  async upload(fileName: string, content: string | Uint8Array): Promise<BatchView> {
    const { status, body } = await this.tryUpload(fileName, content);
    if (status !== 201) {
      throw new Error(`Upload answered ${status}: ${JSON.stringify(body)}`);
    }

    return body as BatchView;
  }

  /** Uploads as multipart field `file` and answers whatever the API says, refusals included. */
  async tryUpload(fileName: string, content: string | Uint8Array) {
    const form = new FormData();
    const bytes = typeof content === 'string' ? content : new Uint8Array(content);
    form.append('file', new Blob([bytes]), fileName);
    const response = await fetch(`${this.stack.apiUrl}/api/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.stack.token}` },
      body: form,
    });

    return { status: response.status, body: await response.json() };
  }

  async getBatch(batchId: string): Promise<BatchView> {
    const { status, body } = await this.request('GET', `/api/batches/${batchId}`);
    if (status !== 200) throw new Error(`Batch ${batchId} answered ${status}`);

    return body as BatchView;
  }

  /** Polls until the batch is in one of `phases`; every phase seen on the way goes in `seen`. */
  async waitForPhase(
    batchId: string,
    phases: BatchPhase[],
    timeoutMs = 60_000,
    seen = new Set<BatchPhase>(),
  ) {
    const deadline = Date.now() + timeoutMs;
    let batch = await this.getBatch(batchId);
    seen.add(batch.phase);
    while (!phases.includes(batch.phase)) {
      if (Date.now() > deadline) {
        throw new Error(`Batch ${batchId} stayed ${batch.phase}, expected ${phases.join(' or ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      batch = await this.getBatch(batchId);
      seen.add(batch.phase);
    }

    return batch;
  }
}
