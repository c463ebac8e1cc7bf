import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';

import { BatchView } from '@sluice/shared';

import { TokenStore } from '../../core/auth/token-store';
import { ERROR_MESSAGES } from '../../core/errors/error-messages';
import { aBatchView, aPage, anEndpointView } from '../../testing/batch-views';
import { buttonNamed, clickDialogButton, fieldLabelled, settle, typeInto } from '../../testing/dom';
import { FakeGateway } from '../../testing/fake-gateway';
import { consoleTestProviders } from '../../testing/test-providers';

describe('BatchDetail', () => {
  let harness: RouterTestingHarness;
  let httpTesting: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: consoleTestProviders() });
    TestBed.inject(TokenStore).set('token-123');
    httpTesting = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    httpTesting.verify();
    sessionStorage.clear();
  });

  it('follows a batch from parsing to review by polling while the socket is down', async () => {
    const batch = aBatchView({
      phase: 'parsing',
      parsedAt: null,
      counts: { records: 300, parseErrors: 0, succeeded: 0, failed: 0, pending: 300 },
    });
    await open(batch);

    expect(text()).toContain('Reading the file');
    expect(text()).toContain('300 records, 0 parse errors so far');
    expect(currentStep()).toBe('Parse');
    const temporal = page().querySelector<HTMLAnchorElement>('a[target="_blank"]');
    expect(temporal?.href).toBe(batch.temporalUrl);

    TestBed.inject(FakeGateway).socket.failConnection();
    TestBed.tick();
    const parsed = { ...batch, phase: 'awaiting_approval' as const, parsedAt: batch.updatedAt };
    batchRequest(batch).flush({ ...parsed, counts: { ...batch.counts, parseErrors: 1 } });
    await settle();
    httpTesting.expectOne((request) => request.url.endsWith('/records')).flush(aPage([]));
    httpTesting
      .expectOne((request) => request.url.endsWith('/errors'))
      .flush(
        aPage([{ lineNumber: 7, columnNumber: 3, code: 'FIELD_COUNT_MISMATCH', message: 'Bad' }]),
      );
    await harness.fixture.whenStable();

    expect(text()).toContain('1. Check what was read');
    expect(text()).toContain('Live updates unavailable; refreshing every few seconds');
    expect(currentStep()).toBe('Review');
    const errorRow = page().querySelector('table[aria-label="Parse errors"] tr.mat-mdc-row');
    expect(errorRow?.textContent).toContain('7');
  });

  it('shows the signing secret once after approval, above the sending panel', async () => {
    const batch = aBatchView({ phase: 'awaiting_approval', counts: emptyCounts(3) });
    await open(batch);
    httpTesting
      .expectOne((request) => request.url.endsWith('/records'))
      .flush(aPage([], { total: 3 }));
    typeInto(fieldLabelled(page(), 'URL'), 'https://crm.example.test/hooks');

    buttonNamed(page(), 'Approve and send').click();
    await harness.fixture.whenStable();
    clickDialogButton('Approve and send');
    await harness.fixture.whenStable();
    const sending: BatchView = {
      ...batch,
      phase: 'sending',
      approvedAt: '2026-03-02T10:16:00.000Z',
      updatedAt: '2026-03-02T10:16:00.000Z',
      endpoint: anEndpointView(),
    };
    httpTesting
      .expectOne(`/api/batches/${batch.id}/approve`)
      .flush({ ...sending, secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0' });
    await harness.fixture.whenStable();

    expect(page().querySelector('[aria-label="Signing secret"]')?.textContent).toBe(
      'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0',
    );
    expect(page().querySelector('h2')?.textContent).toBe('Copy the signing secret now');
    expect(text()).toContain('Sending');
    expect(currentStep()).toBe('Send');

    buttonNamed(page(), 'I have stored it').click();
    await harness.fixture.whenStable();

    expect(text()).not.toContain('whsec_');
  });

  it('keeps the newer state when a slower answer arrives after a command', async () => {
    const batch = aBatchView({
      phase: 'sending',
      endpoint: anEndpointView(),
      counts: emptyCounts(10),
    });
    await open(batch);

    buttonNamed(page(), 'Pause').click();
    httpTesting.expectOne(`/api/batches/${batch.id}/pause`).flush({
      ...batch,
      phase: 'paused',
      updatedAt: '2026-03-02T10:20:00.000Z',
    });
    TestBed.inject(FakeGateway).socket.failConnection();
    TestBed.tick();
    batchRequest(batch).flush(batch);
    await harness.fixture.whenStable();

    expect(buttonNamed(page(), 'Resume')).toBeTruthy();
    expect(currentStep()).toBe('Send');
  });

  it('says in plain words that the batch does not exist', async () => {
    const batch = aBatchView();
    await harness.navigateByUrl(`/batches/${batch.id}`);

    batchRequest(batch).flush(
      { code: 'NOT_FOUND', message: `Batch ${batch.id} not found` },
      { status: 404, statusText: 'Not Found' },
    );
    await harness.fixture.whenStable();

    expect(page().querySelector('[role="alert"]')?.textContent).toContain(ERROR_MESSAGES.NOT_FOUND);
  });

  async function open(batch: BatchView): Promise<void> {
    await harness.navigateByUrl(`/batches/${batch.id}`);
    batchRequest(batch).flush(batch, { headers: { ETag: '"v1"' } });
    await harness.fixture.whenStable();
  }

  function batchRequest(batch: BatchView): TestRequest {
    return httpTesting.expectOne(`/api/batches/${batch.id}`);
  }

  function currentStep(): string | undefined {
    return page().querySelector('[aria-current="step"] .label')?.textContent?.trim();
  }

  function emptyCounts(records: number) {
    return { records, parseErrors: 0, succeeded: 0, failed: 0, pending: records };
  }

  function page(): HTMLElement {
    return harness.routeNativeElement as HTMLElement;
  }

  function text(): string {
    return page().textContent ?? '';
  }
});
