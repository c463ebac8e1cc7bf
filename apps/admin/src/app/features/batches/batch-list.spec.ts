import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { ActiveBatchList, BatchView } from '@sluice/shared';

import { TokenStore } from '../../core/auth/token-store';
import { LIST_POLL_MS } from '../../core/realtime/batch-list-feed';
import { aBatchView, aPage } from '../../testing/batch-views';
import { buttonNamed } from '../../testing/dom';
import { FakeGateway } from '../../testing/fake-gateway';
import { consoleTestProviders } from '../../testing/test-providers';
import { BatchList } from './batch-list';

describe(BatchList.name, () => {
  let fixture: ComponentFixture<BatchList>;
  let httpTesting: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: consoleTestProviders() });
    TestBed.inject(TokenStore).set('token-123');
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BatchList);
    TestBed.tick();
  });

  afterEach(() => {
    httpTesting.verify();
    jest.useRealTimers();
    sessionStorage.clear();
  });

  it('shows each batch with its phase, totals, success share and Temporal link', async () => {
    const newer = aBatchView({
      fileName: 'march.csv',
      phase: 'completed_with_failures',
      counts: { records: 1500, parseErrors: 3, succeeded: 1490, failed: 10, pending: 0 },
      approvedAt: '2026-03-02T10:00:00.000Z',
      completedAt: '2026-03-02T10:03:20.000Z',
    });
    const older = aBatchView({ fileName: 'february.csv', phase: 'cancelled' });

    await respondToList(aPage([newer, older]));

    const rows = bodyRows();
    expect(rows.map((row) => cellTexts(row)[0])).toEqual(['march.csv', 'february.csv']);
    expect(cellTexts(rows[0]).slice(2, 8)).toEqual([
      'Completed with failures',
      '1,500',
      '1,490',
      '10',
      '99%',
      '3 min 20 s',
    ]);
    expect(cellTexts(rows[1]).slice(6, 8)).toEqual(['—', '—']);
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe(`/batches/${newer.id}`);
    const temporal = rows[0].querySelector<HTMLAnchorElement>('a[target="_blank"]');
    expect(temporal?.getAttribute('href')).toBe(newer.temporalUrl);
  });

  it('asks for the first page of the chosen phase', async () => {
    await respondToList(aPage([aBatchView({ phase: 'completed' })], { total: 45 }));
    await goToNextPage();
    await respondToList(
      aPage([aBatchView({ phase: 'completed' })], { total: 45, offset: 20 }),
      '20',
    );

    await choosePhase('Sending');

    const request = httpTesting.expectOne((candidate) => candidate.url === '/api/batches');
    expect(request.request.params.get('phase')).toBe('sending');
    expect(request.request.params.get('offset')).toBe('0');
    request.flush(aPage([]));
    await fixture.whenStable();
    expect(element().textContent).toContain('No batch is in phase “Sending”.');
  });

  it('asks for the next page by offset and limit', async () => {
    await respondToList(aPage([aBatchView({ phase: 'completed' })], { total: 45 }));

    await goToNextPage();

    const request = httpTesting.expectOne((candidate) => candidate.url === '/api/batches');
    expect(request.request.params.get('offset')).toBe('20');
    expect(request.request.params.get('limit')).toBe('20');
    expect(request.request.params.has('phase')).toBe(false);
    request.flush(aPage([], { total: 45, offset: 20 }));
  });

  it('asks the API again when refresh is pressed', async () => {
    await respondToList(aPage([]));

    buttonNamed(element(), 'Refresh').click();
    TestBed.tick();

    await respondToList(aPage([aBatchView({ fileName: 'late.csv', phase: 'completed' })]));
    expect(cellTexts(bodyRows()[0])[0]).toBe('late.csv');
  });

  it('explains in plain words why the list could not load', async () => {
    httpTesting
      .expectOne((candidate) => candidate.url === '/api/batches')
      .flush(
        { code: 'INTERNAL', message: 'Internal error', correlationId: 'c-42' },
        { status: 500, statusText: 'Internal Server Error' },
      );
    await fixture.whenStable();

    const alert = element().querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The API failed unexpectedly.');
    expect(alert?.textContent).toContain('c-42');
  });

  it('updates the rows of running batches as their snapshots change', async () => {
    const running = aBatchView({ fileName: 'live.csv', phase: 'sending' });
    const finished = aBatchView({ fileName: 'old.csv', phase: 'completed' });
    await respondToList(aPage([running, finished]));

    TestBed.inject(FakeGateway).socket.failConnection();
    TestBed.tick();
    httpTesting.expectOne(`/api/batches/${running.id}`).flush({
      ...running,
      phase: 'completed',
      counts: { ...running.counts, succeeded: 120, pending: 0 },
    });
    await fixture.whenStable();

    expect(cellTexts(bodyRows()[0]).slice(2, 5)).toEqual(['Completed', '120', '120']);
    httpTesting.expectNone(`/api/batches/${finished.id}`);
  });

  it('reads the page again when a batch starts elsewhere, not when figures change', async () => {
    const finished = aBatchView({ fileName: 'old.csv', phase: 'completed' });
    await respondToList(aPage([finished]));
    const socket = TestBed.inject(FakeGateway).socket;
    socket.acceptConnection();
    socket.answerNext({ ok: true, list: activeList() });
    TestBed.tick();
    // Whatever started between the first read and the subscription is on this read.
    await respondToList(aPage([finished]));

    const started = aBatchView({ fileName: 'from-the-api.csv', phase: 'parsing' });
    socket.push('batch_list.updated', activeList(started));
    TestBed.tick();
    await respondToList(aPage([started, finished]));
    socket.push(
      'batch_list.updated',
      activeList({ ...started, counts: { ...started.counts, records: 90 } }),
    );
    TestBed.tick();

    httpTesting.expectNone((candidate) => candidate.url === '/api/batches');
    expect(bodyRows().map((row) => cellTexts(row)[0])).toEqual(['from-the-api.csv', 'old.csv']);
    expect(element().querySelector('app-live-mode-notice')?.textContent?.trim()).toBe('Live');
  });

  it('starts the read over when the list changes while a read is on its way', async () => {
    const first = httpTesting.expectOne((candidate) => candidate.url === '/api/batches');
    const socket = TestBed.inject(FakeGateway).socket;

    socket.acceptConnection();
    socket.answerNext({ ok: true, list: activeList() });
    TestBed.tick();

    expect(first.cancelled).toBe(true);
    await respondToList(aPage([aBatchView({ fileName: 'fresh.csv', phase: 'completed' })]));
    expect(cellTexts(bodyRows()[0])[0]).toBe('fresh.csv');
  });

  it('reads the page again every 10 s while the socket is unavailable, and says so', async () => {
    await respondToList(aPage([]));
    jest.useFakeTimers();

    TestBed.inject(FakeGateway).socket.failConnection();
    TestBed.tick();
    jest.advanceTimersByTime(LIST_POLL_MS - 1);
    httpTesting.expectNone((candidate) => candidate.url === '/api/batches');
    jest.advanceTimersByTime(1);
    TestBed.tick();
    const polled = aBatchView({ fileName: 'polled.csv', phase: 'completed' });
    httpTesting.expectOne((candidate) => candidate.url === '/api/batches').flush(aPage([polled]));
    jest.useRealTimers();
    await fixture.whenStable();

    expect(cellTexts(bodyRows()[0])[0]).toBe('polled.csv');
    expect(element().querySelector('app-live-mode-notice')?.textContent?.trim()).toBe(
      'Live updates unavailable; refreshing every few seconds',
    );
  });

  async function respondToList(page: ReturnType<typeof aPage<BatchView>>, offset = '0') {
    const request = httpTesting.expectOne((candidate) => candidate.url === '/api/batches');
    expect(request.request.params.get('offset')).toBe(offset);
    request.flush(page);
    await fixture.whenStable();
  }

  async function goToNextPage(): Promise<void> {
    element().querySelector<HTMLButtonElement>('button[aria-label="Next page"]')?.click();
    TestBed.tick();
  }

  async function choosePhase(label: string): Promise<void> {
    element().querySelector<HTMLElement>('mat-select')?.click();
    TestBed.tick();
    const options = Array.from(document.querySelectorAll<HTMLElement>('mat-option'));
    options.find((option) => option.textContent?.trim() === label)?.click();
    TestBed.tick();
  }

  function element(): HTMLElement {
    return fixture.nativeElement as HTMLElement;
  }

  function bodyRows(): HTMLElement[] {
    return Array.from(element().querySelectorAll<HTMLElement>('tr.mat-mdc-row:not(:has(.empty))'));
  }

  /** The gateway's list of active batches, as `subscribe_list` and `batch_list.updated` send it. */
  function activeList(...batches: BatchView[]): ActiveBatchList {
    const items = batches.map(({ id, fileName, phase, reason, counts, updatedAt }) => ({
      id,
      fileName,
      phase,
      reason,
      counts,
      updatedAt,
    }));

    return { items, total: items.length };
  }

  function cellTexts(row: HTMLElement): string[] {
    return Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.trim() ?? '');
  }
});
