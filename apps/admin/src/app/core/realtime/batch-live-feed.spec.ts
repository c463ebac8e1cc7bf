import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Subscription } from 'rxjs';

import { BatchAttentionNeededEvent, BatchSnapshot } from '@sluice/shared';

import { TokenStore } from '../auth/token-store';
import { aSnapshot } from '../../testing/batch-views';
import { FakeGateway } from '../../testing/fake-gateway';
import { consoleTestProviders } from '../../testing/test-providers';
import { BatchLiveFeed } from './batch-live-feed';

describe(BatchLiveFeed.name, () => {
  const batch = aSnapshot({ phase: 'sending' });
  const url = `/api/batches/${batch.id}`;
  let feed: BatchLiveFeed;
  let gateway: FakeGateway;
  let httpTesting: HttpTestingController;
  let seen: BatchSnapshot[];
  let failure: unknown;
  let subscription: Subscription;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({ providers: consoleTestProviders() });
    TestBed.inject(TokenStore).set('token-123');
    feed = TestBed.inject(BatchLiveFeed);
    gateway = TestBed.inject(FakeGateway);
    httpTesting = TestBed.inject(HttpTestingController);
    seen = [];
    failure = undefined;
    subscription = feed.watch(batch.id).subscribe({
      next: (snapshot) => seen.push(snapshot),
      error: (error: unknown) => (failure = error),
    });
  });

  afterEach(() => {
    subscription.unsubscribe();
    httpTesting.verify();
    jest.useRealTimers();
    sessionStorage.clear();
  });

  it('fetches the batch at once, then polls with its ETag while the socket is unavailable', () => {
    answer(httpTesting.expectOne(url), batch, '"v1"');
    gateway.socket.failConnection();
    TestBed.tick();

    const immediate = httpTesting.expectOne(url);
    expect(immediate.request.headers.get('If-None-Match')).toBe('"v1"');
    immediate.flush(null, { status: 304, statusText: 'Not Modified' });
    jest.advanceTimersByTime(2_000);
    answer(
      httpTesting.expectOne(url),
      { ...batch, counts: { ...batch.counts, succeeded: 5 } },
      '"v2"',
    );

    expect(seen.map((snapshot) => snapshot.counts.succeeded)).toEqual([0, 5]);
    expect(feed.mode()).toBe('polling');
  });

  it('stops polling and follows pushed snapshots once the socket connects', () => {
    answer(httpTesting.expectOne(url), batch, '"v1"');
    gateway.socket.failConnection();
    TestBed.tick();
    httpTesting.expectOne(url).flush(null, { status: 304, statusText: 'Not Modified' });

    gateway.socket.acceptConnection();
    const paused = { ...batch, phase: 'paused' as const };
    const subscribe = gateway.socket.answerNext({ ok: true, snapshot: paused });
    gateway.socket.push('batch.progressed', { batchId: batch.id, snapshot: batch });
    gateway.socket.push('batch.attention_needed', { batchId: batch.id, kind: 'auto_paused' });
    jest.advanceTimersByTime(30_000);

    expect(subscribe).toEqual({ event: 'subscribe', payload: { batchId: batch.id } });
    expect(seen.map((snapshot) => snapshot.phase)).toEqual(['sending', 'paused', 'sending']);
    expect(feed.mode()).toBe('live');
    httpTesting.expectNone(url);
  });

  it('fetches the snapshot when an event names the batch without carrying it', () => {
    answer(httpTesting.expectOne(url), batch, '"v1"');
    gateway.socket.acceptConnection();
    gateway.socket.answerNext({ ok: false, error: { code: 'INTERNAL', message: 'Down' } });
    jest.advanceTimersByTime(250);
    answer(httpTesting.expectOne(url), { ...batch, phase: 'completed' }, '"v2"');

    gateway.socket.push('batch.phase_changed', { batchId: batch.id, phase: 'completed' });
    gateway.socket.push('batch.phase_changed', { batchId: 'another-batch', phase: 'failed' });
    jest.advanceTimersByTime(250);

    const refetch = httpTesting.expectOne(url);
    expect(refetch.request.headers.get('If-None-Match')).toBe('"v2"');
    refetch.flush(null, { status: 304, statusText: 'Not Modified' });
    expect(seen.map((snapshot) => snapshot.phase)).toEqual(['sending', 'completed']);
  });

  it('subscribes again after the connection drops and comes back', () => {
    answer(httpTesting.expectOne(url), batch, '"v1"');
    gateway.socket.acceptConnection();
    gateway.socket.answerNext({ ok: true, snapshot: batch });

    gateway.socket.drop();
    TestBed.tick();
    httpTesting.expectOne(url).flush(null, { status: 304, statusText: 'Not Modified' });
    gateway.socket.acceptConnection();
    gateway.socket.answerNext({ ok: true, snapshot: { ...batch, phase: 'completed' } });

    const subscribes = gateway.socket.emitted.filter((emit) => emit.event === 'subscribe');
    expect(subscribes).toHaveLength(2);
    expect(seen.at(-1)?.phase).toBe('completed');
  });

  it('passes on attention notices of the batch without subscribing it a second time', () => {
    answer(httpTesting.expectOne(url), batch, '"v1"');
    gateway.socket.acceptConnection();
    gateway.socket.answerNext({ ok: true, snapshot: batch });
    const notices: BatchAttentionNeededEvent[] = [];
    const notice: BatchAttentionNeededEvent = {
      batchId: batch.id,
      kind: 'failure_burst',
      message: '12 deliveries failed for good in the last 10 seconds',
      count: 12,
      detectedAt: '2026-03-02T10:20:00.000Z',
    };

    const noticesSubscription = feed.notices(batch.id).subscribe((seen) => notices.push(seen));
    gateway.socket.push('batch.attention_needed', notice);
    gateway.socket.push('batch.attention_needed', { ...notice, batchId: 'another-batch' });
    noticesSubscription.unsubscribe();

    expect(notices).toEqual([notice]);
    expect(gateway.socket.emitted.filter((emit) => emit.event === 'subscribe')).toHaveLength(1);
    expect(gateway.socket.emitted.map((emit) => emit.event)).not.toContain('unsubscribe');
    expect(seen).toEqual([batch, batch]);
  });

  it('sends the token in the handshake and leaves the room when nobody watches', () => {
    answer(httpTesting.expectOne(url), batch, null);
    gateway.socket.acceptConnection();

    subscription.unsubscribe();

    expect(gateway.socket.namespace).toBe('/batches');
    expect(gateway.socket.handshakeAuth()).toEqual({ token: 'token-123' });
    expect(gateway.socket.emitted.at(-1)).toEqual({
      event: 'unsubscribe',
      payload: { batchId: batch.id },
    });
    expect(gateway.socket.isDisconnected).toBe(true);
  });

  it('ends with the error when the API refuses', () => {
    httpTesting
      .expectOne(url)
      .flush({ code: 'NOT_FOUND', message: 'No batch' }, { status: 404, statusText: 'Not Found' });

    expect(failure).toMatchObject({ status: 404 });
  });

  it('keeps trying when the API cannot be reached', () => {
    httpTesting.expectOne(url).error(new ProgressEvent('error'), { status: 0 });
    jest.advanceTimersByTime(5_000);

    answer(httpTesting.expectOne(url), batch, null);
    expect(failure).toBeUndefined();
    expect(seen).toHaveLength(1);
  });

  function answer(
    request: ReturnType<HttpTestingController['expectOne']>,
    body: BatchSnapshot,
    etag: string | null,
  ): void {
    request.flush(body, { headers: etag ? { ETag: etag } : {} });
  }
});
