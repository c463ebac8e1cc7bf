import { isIP } from 'node:net';

import { Agent, buildConnector, errors } from 'undici';

import type { AttemptErrorCode } from '@sluice/shared';

import { AttemptHandler, type RawAnswer } from './attempt-handler';
import { OutboundGuard, OutboundRefusedError } from './outbound-guard';
import { isTransientStatus, parseRetryAfter } from './retry-schedule';

export const USER_AGENT = 'Sluice/0.1.0 (+https://github.com/sluice/sluice)';

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

/**
 * Sends webhook requests over pooled keep-alive connections and classifies their outcome. Every
 * new connection goes through the outbound guard, which picks the address to connect to.
 */
export class WebhookClient {
  private readonly dispatcher: Agent;
  private lastTarget = { url: '', origin: '', path: '' };
  private readonly attemptsBySignal = new WeakMap<AbortSignal, Set<AttemptHandler>>();

  constructor(guard: OutboundGuard) {
    const connectDirectly = buildConnector({});
    this.dispatcher = new Agent({
      keepAliveTimeout: 10_000,
      connections: 256,
      connect: (options, callback) => {
        const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
        guard.resolve(options.hostname, port).then(
          (address) => {
            // TLS still checks the certificate against the name, not the address.
            const name = options.hostname.replace(/^\[(.*)\]$/, '$1');
            const servername = options.servername ?? (isIP(name) ? undefined : name);
            connectDirectly({ ...options, hostname: address, servername }, callback);
          },
          (error: Error) => callback(error, null),
        );
      },
    });
  }

  async send(webhook: WebhookRequest, cancelled: AbortSignal): Promise<AttemptResponse> {
    const startedAt = new Date();
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const { statusCode, retryAfter, excerpt } = await this.dispatch(webhook, cancelled);
      const isSuccess = statusCode >= 200 && statusCode < 300;

      return {
        startedAt,
        durationMs: elapsed(),
        statusCode,
        errorCode: isSuccess ? null : statusErrorCode(statusCode),
        isRetryable: !isSuccess && isTransientStatus(statusCode),
        retryAfterMs: parseRetryAfter(retryAfter),
        responseExcerpt: excerpt,
      };
    } catch (error) {
      // An operator's cancellation is not an outcome of the attempt: let the caller stop.
      if (cancelled.aborted) throw error;
      const isRefused = findCause(error, OutboundRefusedError) !== undefined;
      const isTimeout =
        error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError;
      const errorCode: AttemptErrorCode = isRefused
        ? 'ADDRESS_REFUSED'
        : isTimeout
          ? 'TIMEOUT'
          : 'CONNECTION_FAILED';

      return {
        startedAt,
        durationMs: elapsed(),
        statusCode: null,
        errorCode,
        // A refused address will be refused again: retrying would only hammer the guard.
        isRetryable: !isRefused,
        retryAfterMs: null,
        responseExcerpt: null,
      };
    }
  }

  private dispatch(webhook: WebhookRequest, cancelled: AbortSignal): Promise<RawAnswer> {
    cancelled.throwIfAborted();
    const { origin, path } = this.targetOf(webhook.url);
    const attempts = this.attemptsFollowing(cancelled);

    return new Promise((resolve, reject) => {
      const attempt = new AttemptHandler(cancelled, (error, answer) => {
        attempts.delete(attempt);
        if (error) reject(error);
        else resolve(answer as RawAnswer);
      });
      attempts.add(attempt);
      this.dispatcher.dispatch(
        {
          origin,
          path,
          method: 'POST',
          headers: {
            ...webhook.headers,
            'content-type': 'application/json',
            'user-agent': USER_AGENT,
          },
          body: webhook.body,
          // undici's own timers, not AbortSignal.timeout: thousands of requests a second would
          // keep thousands of pending timeout signals (and their dependents) alive.
          headersTimeout: webhook.timeoutMs,
          bodyTimeout: webhook.timeoutMs,
        },
        attempt,
      );
    });
  }

  /**
   * The attempts under way for one cancellation signal (a chunk's), with a single listener
   * that aborts them all, rather than one listener added and removed per request.
   */
  private attemptsFollowing(cancelled: AbortSignal): Set<AttemptHandler> {
    let attempts = this.attemptsBySignal.get(cancelled);
    if (!attempts) {
      const following = new Set<AttemptHandler>();
      cancelled.addEventListener(
        'abort',
        () => following.forEach((attempt) => attempt.abort(cancelled.reason as Error)),
        { once: true },
      );
      this.attemptsBySignal.set(cancelled, following);
      attempts = following;
    }

    return attempts;
  }

  /** A batch sends to one URL: parse it once, not once per request. */
  private targetOf(url: string): { origin: string; path: string } {
    if (this.lastTarget.url !== url) {
      const parsed = new URL(url);
      this.lastTarget = { url, origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    }

    return this.lastTarget;
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

function statusErrorCode(statusCode: number): AttemptErrorCode {
  if (statusCode === 429) return 'RATE_LIMITED';

  return statusCode >= 500 ? 'HTTP_5XX' : 'HTTP_4XX';
}

function findCause<T>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof type) return current;
  }

  return undefined;
}
