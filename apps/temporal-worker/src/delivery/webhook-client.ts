import { Agent, errors, request } from 'undici';

import type { AttemptErrorCode } from '@sluice/shared';

import { isTransientStatus, parseRetryAfter } from './retry-schedule';

const EXCERPT_BYTES = 1_024;
const USER_AGENT = 'Sluice/0.1 (+webhook delivery)';

/** One request to send: the body is already serialised, headers include the webhook ones. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** What happened to one attempt; `errorCode` is null only on success. */
export interface AttemptResponse {
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  errorCode: AttemptErrorCode | null;
  isRetryable: boolean;
  retryAfterMs: number | null;
  responseExcerpt: string | null;
}

/** Sends webhook requests over pooled keep-alive connections and classifies their outcome. */
export class WebhookClient {
  private readonly dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 256 });

  async send(webhook: WebhookRequest, cancelled: AbortSignal): Promise<AttemptResponse> {
    const startedAt = new Date();
    const started = performance.now();
    const timeout = AbortSignal.timeout(webhook.timeoutMs);
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await request(webhook.url, {
        method: 'POST',
        dispatcher: this.dispatcher,
        headers: {
          ...webhook.headers,
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
        },
        body: webhook.body,
        signal: AbortSignal.any([timeout, cancelled]),
      });
      const excerpt = await readExcerpt(response.body);
      const statusCode = response.statusCode;
      const isSuccess = statusCode >= 200 && statusCode < 300;
      const retryAfter = response.headers['retry-after'];

      return {
        startedAt,
        durationMs: elapsed(),
        statusCode,
        errorCode: isSuccess ? null : statusErrorCode(statusCode),
        isRetryable: !isSuccess && isTransientStatus(statusCode),
        retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
        responseExcerpt: excerpt,
      };
    } catch (error) {
      // An operator's cancellation is not an outcome of the attempt: let the caller stop.
      if (cancelled.aborted) throw error;
      const errorCode: AttemptErrorCode =
        timeout.aborted || error instanceof errors.HeadersTimeoutError
          ? 'TIMEOUT'
          : 'CONNECTION_FAILED';

      return {
        startedAt,
        durationMs: elapsed(),
        statusCode: null,
        errorCode,
        isRetryable: true,
        retryAfterMs: null,
        responseExcerpt: null,
      };
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

function statusErrorCode(statusCode: number): AttemptErrorCode {
  if (statusCode === 429) return 'RATE_LIMITED';

  return statusCode >= 500 ? 'HTTP_5XX' : 'HTTP_4XX';
}

/** Keeps the first kilobyte of the answer for operators and drains the rest for keep-alive. */
async function readExcerpt(body: AsyncIterable<Buffer>): Promise<string | null> {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  for await (const chunk of body) {
    if (keptBytes < EXCERPT_BYTES) {
      kept.push(chunk.subarray(0, EXCERPT_BYTES - keptBytes));
      keptBytes += Math.min(chunk.length, EXCERPT_BYTES - keptBytes);
    }
  }

  return keptBytes === 0 ? null : Buffer.concat(kept).toString('utf8');
}
