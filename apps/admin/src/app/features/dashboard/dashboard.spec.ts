import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { TokenStore } from '../../core/auth/token-store';
import { aBatchView, aPage } from '../../testing/batch-views';
import { FakeGateway } from '../../testing/fake-gateway';
import { consoleTestProviders } from '../../testing/test-providers';
import { Dashboard, STATS_WINDOW } from './dashboard';

describe(Dashboard.name, () => {
  let fixture: ComponentFixture<Dashboard>;
  let httpTesting: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: consoleTestProviders() });
    TestBed.inject(TokenStore).set('token-123');
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Dashboard);
    TestBed.tick();
  });

  afterEach(() => {
    httpTesting.verify();
    sessionStorage.clear();
  });

  it('shows the figures of the day from the newest batches, beside the list', async () => {
    const today = new Date().toISOString();
    const recent = [
      aBatchView({ phase: 'sending', updatedAt: today, counts: counts(40, 10) }),
      aBatchView({
        phase: 'completed',
        updatedAt: today,
        completedAt: today,
        counts: counts(150, 0),
      }),
      aBatchView({ phase: 'awaiting_approval', updatedAt: today, counts: counts(0, 0) }),
    ];

    const window = listRequest(String(STATS_WINDOW));
    expect(window.request.params.get('offset')).toBe('0');
    window.flush(aPage(recent));
    listRequest('20').flush(aPage(recent));
    await fixture.whenStable();

    const cards = Array.from(element().querySelectorAll('app-stat-cards mat-card')).map((card) =>
      Array.from(card.querySelectorAll('h2, p')).map((part) => part.textContent?.trim()),
    );
    expect(cards).toEqual([
      ['Deliveries today', '200'],
      ['Success rate today', '95%'],
      ['Batches in progress', '2', '1 awaiting approval, 1 sending'],
    ]);
    expect(
      element().querySelector('app-outcomes-chart canvas')?.getAttribute('aria-description'),
    ).toBe('190 succeeded and 10 failed deliveries in this period');
    expect(element().querySelectorAll('app-batch-list tr.mat-mdc-row')).toHaveLength(3);
  });

  it('says plainly when the figures cannot load, and still lists batches', async () => {
    listRequest(String(STATS_WINDOW)).flush(
      { code: 'TEMPORAL_UNAVAILABLE', message: 'Temporal is down', correlationId: 'c-9' },
      { status: 503, statusText: 'Service Unavailable' },
    );
    listRequest('20').flush(aPage([]));
    await fixture.whenStable();

    expect(element().querySelector('[role="alert"]')?.textContent).toContain(
      'Temporal is unavailable',
    );
    expect(element().textContent).toContain('No batches yet.');
  });

  it('counts a batch started elsewhere as in progress once the gateway lists it', async () => {
    const today = new Date().toISOString();
    listRequest(String(STATS_WINDOW)).flush(aPage([]));
    listRequest('20').flush(aPage([]));
    await fixture.whenStable();
    const socket = TestBed.inject(FakeGateway).socket;
    socket.acceptConnection();
    socket.answerNext({ ok: true, list: { items: [], total: 0 } });
    TestBed.tick();
    listRequest('20').flush(aPage([]));

    const started = aBatchView({
      fileName: 'from-the-api.csv',
      phase: 'parsing',
      updatedAt: today,
    });
    const { id, fileName, phase, reason, counts, updatedAt } = started;
    socket.push('batch_list.updated', {
      items: [{ id, fileName, phase, reason, counts, updatedAt }],
      total: 1,
    });
    TestBed.tick();
    listRequest(String(STATS_WINDOW)).flush(aPage([started]));
    listRequest('20').flush(aPage([started]));
    await fixture.whenStable();

    const inProgress = element().querySelectorAll('app-stat-cards mat-card')[2];
    expect(inProgress.textContent).toContain('1 parsing');
    expect(element().querySelector('app-batch-list tr.mat-mdc-row')?.textContent).toContain(
      'from-the-api.csv',
    );
  });

  it('links to the new batch page', () => {
    const link = element().querySelector<HTMLAnchorElement>('header a');

    expect(link?.textContent?.trim()).toBe('New batch');
    expect(link?.getAttribute('href')).toBe('/batches/new');
    listRequest(String(STATS_WINDOW)).flush(aPage([]));
    listRequest('20').flush(aPage([]));
  });

  function listRequest(limit: string): TestRequest {
    return httpTesting.expectOne(
      (request) => request.url === '/api/batches' && request.params.get('limit') === limit,
    );
  }

  function counts(succeeded: number, failed: number) {
    return { records: succeeded + failed, parseErrors: 0, succeeded, failed, pending: 0 };
  }

  function element(): HTMLElement {
    return fixture.nativeElement as HTMLElement;
  }
});
