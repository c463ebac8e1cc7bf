import type { IncomingHttpHeaders } from 'node:http';

import type { Dispatcher } from 'undici';

const EXCERPT_BYTES = 1_024;

/** What an answered request left behind: its status, its `Retry-After` and its first 1 KB. */
export interface RawAnswer {
  statusCode: number;
  retryAfter: string | undefined;
  excerpt: string | null;
}

/**
 * Receives one request's answer straight from undici's dispatcher. `Dispatcher.request` wraps
 * every answer in a stream with its own listeners and abort hook; at thousands of requests a
 * second that bookkeeping cost more than the request, and Sluice keeps only 1 KB of the body.
 */
export class AttemptHandler implements Dispatcher.DispatchHandler {
  private statusCode = 0;
  private retryAfter: string | undefined;
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private controller: Dispatcher.DispatchController | null = null;

  constructor(
    private readonly cancelled: AbortSignal,
    private readonly settle: (error: Error | null, answer?: RawAnswer) => void,
  ) {}

  /** Stops the request if it is still going; a request not yet started never starts. */
  abort(reason: Error): void {
    this.controller?.abort(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Called before the request is written: one cancelled while queued is never sent.
    if (this.cancelled.aborted) controller.abort(this.cancelled.reason as Error);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    this.statusCode = statusCode;
    const retryAfter = headers['retry-after'];
    this.retryAfter = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.keptBytes >= EXCERPT_BYTES) return;
    const part = chunk.subarray(0, EXCERPT_BYTES - this.keptBytes);
    this.kept.push(part);
    this.keptBytes += part.length;
  }

  onResponseEnd(): void {
    this.controller = null;
    this.settle(null, {
      statusCode: this.statusCode,
      retryAfter: this.retryAfter,
      excerpt: this.excerpt(),
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.controller = null;
    this.settle(error);
  }

  private excerpt(): string | null {
    if (this.keptBytes === 0) return null;
    // PostgreSQL text holds no NUL character; a binary answer keeps its shape, not its NULs.
    return Buffer.concat(this.kept).toString('utf8').replaceAll('\0', '\uFFFD');
  }
}
