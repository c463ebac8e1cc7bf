import { TestBed } from '@angular/core/testing';
import { Subscription } from 'rxjs';

import { ActiveBatchList, BatchPhase, BatchSummary } from '@sluice/shared';

import { TokenStore } from '../auth/token-store';
import { aBatchView } from '../../testing/batch-views';
import { FakeGateway } from '../../testing/fake-gateway';
import { consoleTestProviders } from '../../testing/test-providers';
import { BatchListFeed, LIST_POLL_MS, ListChange } from './batch-list-feed';

describe(BatchListFeed.name, () => {
  const parsing = aSummary('parsing');
  const sending = aSummary('sending');
  let feed: BatchListFeed;
  let gateway: FakeGateway;
  let seen: ListChange[];
  let subscription: Subscription;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({ providers: consoleTestProviders() });
    TestBed.inject(TokenStore).set('token-123');
    feed = TestBed.inject(BatchListFeed);
    gateway = TestBed.inject(FakeGateway);
    seen = [];
    subscription = feed.changes().subscribe((change) => seen.push(change));
  });

  afterEach(() => {
    subscription.unsubscribe();
    jest.useRealTimers();
    sessionStorage.clear();
  });

  it('subscribes to the list once connected and says when a batch starts, moves or ends', () => {
    gateway.socket.acceptConnection();
    const request = gateway.socket.answerNext({ ok: true, list: listOf(sending) });

    const reviewed = { ...parsing, phase: 'awaiting_approval' as const };
    gateway.socket.push('batch_list.updated', listOf(withSucceeded(sending, 7)));
    gateway.socket.push('batch_list.updated', listOf(parsing, sending));
    gateway.socket.push('batch_list.updated', listOf(reviewed, withSucceeded(sending, 9)));
    gateway.socket.push('batch_list.updated', listOf(reviewed));

    expect(request).toEqual({ event: 'subscribe_list', payload: undefined });
    expect(seen).toEqual(['subscribed', 'changed', 'changed', 'changed']);
  });

  it('subscribes again after the connection drops and comes back', () => {
    gateway.socket.acceptConnection();
    gateway.socket.answerNext({ ok: true, list: listOf(sending) });

    gateway.socket.drop();
    gateway.socket.acceptConnection();
    gateway.socket.answerNext({ ok: true, list: listOf(sending) });

    const requests = gateway.socket.emitted.filter((emit) => emit.event === 'subscribe_list');
    expect(requests).toHaveLength(2);
    expect(seen).toEqual(['subscribed', 'subscribed']);
  });

  it('asks for a read every 10 s while the socket is unavailable, and stops once live', () => {
    gateway.socket.failConnection();
    jest.advanceTimersByTime(LIST_POLL_MS * 2);

    gateway.socket.acceptConnection();
    gateway.socket.answerNext({ ok: true, list: listOf() });
    jest.advanceTimersByTime(LIST_POLL_MS * 3);

    expect(seen).toEqual(['polled', 'polled', 'subscribed']);
  });

  it('asks for a read every 10 s when the gateway refuses or ignores the subscription', () => {
    gateway.socket.acceptConnection();
    gateway.socket.timeOutNext();
    jest.advanceTimersByTime(LIST_POLL_MS);

    expect(seen).toEqual(['polled']);
  });

  it('ignores a pushed list it cannot read', () => {
    gateway.socket.acceptConnection();
    gateway.socket.answerNext({ ok: true, list: listOf(sending) });

    gateway.socket.push('batch_list.updated', { items: [{ id: 7, phase: 'sending' }], total: 1 });
    gateway.socket.push('batch_list.updated', null);

    expect(seen).toEqual(['subscribed']);
  });

  it('answers each listener that joins a live list with a subscription of its own', () => {
    const other: ListChange[] = [];
    const early = feed.changes().subscribe((change) => other.push(change));
    gateway.socket.acceptConnection();
    gateway.socket.answerNext({ ok: true, list: listOf(sending) });
    const late: ListChange[] = [];

    const lateSubscription = feed.changes().subscribe((change) => late.push(change));
    gateway.socket.answerNext({ ok: true, list: listOf(sending) });

    expect(gateway.socket.pendingRequests).toEqual([]);
    expect([seen, other, late]).toEqual([['subscribed'], ['subscribed'], ['subscribed']]);
    early.unsubscribe();
    lateSubscription.unsubscribe();
  });

  it('leaves the list and closes the socket when nobody listens any more', () => {
    gateway.socket.acceptConnection();
    gateway.socket.answerNext({ ok: true, list: listOf() });

    subscription.unsubscribe();

    expect(gateway.socket.emitted.at(-1)).toEqual({
      event: 'unsubscribe_list',
      payload: undefined,
    });
    expect(gateway.socket.isDisconnected).toBe(true);
  });
});

function aSummary(phase: BatchPhase): BatchSummary {
  const { id, fileName, reason, counts, updatedAt } = aBatchView();

  return { id, fileName, phase, reason, counts, updatedAt };
}

function withSucceeded(summary: BatchSummary, succeeded: number): BatchSummary {
  return { ...summary, counts: { ...summary.counts, succeeded } };
}

function listOf(...items: BatchSummary[]): ActiveBatchList {
  return { items, total: items.length };
}
