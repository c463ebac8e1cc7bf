import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { BatchView } from '@sluice/shared';

import { TokenStore } from '../../../core/auth/token-store';
import {
  aBatchView,
  aDeliveryDetail,
  aDeliveryView,
  aPage,
  anEndpointView,
} from '../../../testing/batch-views';
import { buttonNamed, clickDialogButton, definitions } from '../../../testing/dom';
import { consoleTestProviders } from '../../../testing/test-providers';
import { DonePanel } from './done-panel';

describe(DonePanel.name, () => {
  const batch = aBatchView({
    fileName: 'orders.csv',
    phase: 'completed_with_failures',
    endpoint: anEndpointView(),
    counts: { records: 100, parseErrors: 2, succeeded: 97, failed: 3, pending: 0 },
    approvedAt: '2026-03-02T10:16:00.000Z',
    completedAt: '2026-03-02T10:18:05.000Z',
  });
  const refused = aDeliveryView({
    status: 'failed',
    lineNumber: 12,
    attemptCount: 2,
    lastStatusCode: 422,
    lastErrorCode: 'HTTP_4XX',
  });
  let fixture: ComponentFixture<DonePanel>;
  let httpTesting: HttpTestingController;
  let changed: BatchView[];

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: consoleTestProviders() });
    TestBed.inject(TokenStore).set('token-123');
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DonePanel);
    fixture.componentRef.setInput('batch', batch);
    changed = [];
    fixture.componentInstance.changed.subscribe((view) => changed.push(view));
    TestBed.tick();
    const first = deliveriesRequest();
    expect(first.request.params.get('status')).toBe('failed');
    first.flush(aPage([refused], { total: 3 }));
    await fixture.whenStable();
  });

  afterEach(() => {
    httpTesting.verify();
    sessionStorage.clear();
  });

  it('sums up how the batch ended and how long sending took', () => {
    const summary = element().querySelector<HTMLElement>('.summary');

    expect(summary?.querySelector('h2')?.textContent).toBe('Completed with failures');
    expect(definitions(summary ?? element())).toEqual({
      Records: '100',
      Succeeded: '97',
      Failed: '3',
      'Not sent': '0',
      Success: '97%',
      'Parse errors': '2',
      'Sending time': '2 min 5 s',
      'Upload to end': '3 min 5 s',
    });
    expect(element().querySelector('canvas')?.getAttribute('aria-label')).toBe(
      'Outcomes: 97 succeeded, 3 failed, 0 not sent',
    );
  });

  it('opens a delivery onto its attempts, with status, latency, error and answer', async () => {
    const row = element().querySelector('table[aria-label="Deliveries"] tr.mat-mdc-row');
    expect(row?.textContent).toContain('Failed');
    expect(row?.textContent).toContain('422 · Refused by the endpoint');

    buttonNamed(element(), 'Attempts').click();
    TestBed.tick();
    httpTesting
      .expectOne(`/api/deliveries/${refused.id}`)
      .flush(
        aDeliveryDetail(refused, [
          attempt(1, 503, 'HTTP_5XX', 'upstream down'),
          attempt(2, 422, 'HTTP_4XX', '{"error":"unknown customer"}'),
        ]),
      );
    await fixture.whenStable();

    const attempts = element().querySelector('[aria-label="Attempts"]')?.textContent ?? '';
    expect(attempts).toContain('Attempt 1');
    expect(attempts).toContain('Status 503');
    expect(attempts).toContain('Endpoint error');
    expect(attempts).toContain('Status 422');
    expect(attempts).toContain('38 ms');
    expect(attempts).toContain('{"error":"unknown customer"}');
    expect(buttonNamed(element(), 'Hide').getAttribute('aria-expanded')).toBe('true');
  });

  it('lists the deliveries of the status the operator picks', async () => {
    toggle('Succeeded');
    TestBed.tick();

    const request = deliveriesRequest();
    expect(request.request.params.get('status')).toBe('succeeded');
    expect(request.request.params.get('offset')).toBe('0');
    request.flush(aPage([]));
    await fixture.whenStable();
    expect(element().textContent).toContain('No deliveries with this status.');
  });

  it('retries the failed deliveries once the operator confirms', async () => {
    buttonNamed(element(), 'Retry failed').click();
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')?.textContent).toContain(
      'Sluice sends the 3 failed records again, with the same webhook ids',
    );
    clickDialogButton('Retry failed');
    await fixture.whenStable();

    const request = httpTesting.expectOne(`/api/batches/${batch.id}/retry-failed`);
    expect(request.request.body).toEqual({});
    const retrying = { ...batch, phase: 'sending' as const };
    request.flush(retrying);
    expect(changed).toEqual([retrying]);
  });

  it('downloads the failed records as a CSV file named after the batch', async () => {
    const saved: string[] = [];
    URL.createObjectURL = jest.fn(() => 'blob:failed');
    URL.revokeObjectURL = jest.fn();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(`${this.download} ${this.href}`);
    });

    buttonNamed(element(), 'Download failed records (CSV)').click();
    const request = httpTesting.expectOne(`/api/batches/${batch.id}/failed.csv`);
    expect(request.request.responseType).toBe('blob');
    request.flush(new Blob(['id,line_number\n7,12\n'], { type: 'text/csv' }));
    click.mockRestore();

    expect(saved).toEqual(['orders-failed.csv blob:failed']);
  });

  it('offers no retry when nothing failed', async () => {
    fixture.componentRef.setInput('batch', {
      ...batch,
      phase: 'completed',
      counts: { ...batch.counts, succeeded: 100, failed: 0 },
      updatedAt: '2026-03-02T11:00:00.000Z',
    });
    TestBed.tick();
    deliveriesRequest().flush(aPage([]));
    await fixture.whenStable();

    expect(() => buttonNamed(element(), 'Retry failed')).toThrow();
  });

  function deliveriesRequest(): TestRequest {
    return httpTesting.expectOne(
      (request) => request.url === `/api/batches/${batch.id}/deliveries`,
    );
  }

  function attempt(number: number, statusCode: number, errorCode: string, excerpt: string) {
    return {
      attemptNumber: number,
      startedAt: '2026-03-02T10:17:00.000Z',
      durationMs: 37.8,
      statusCode,
      errorCode,
      responseExcerpt: excerpt,
    };
  }

  function toggle(label: string): void {
    const toggles = Array.from(element().querySelectorAll('mat-button-toggle'));
    const match = toggles.find((candidate) => candidate.textContent?.trim() === label);
    match?.querySelector('button')?.click();
  }

  function element(): HTMLElement {
    return fixture.nativeElement as HTMLElement;
  }
});
