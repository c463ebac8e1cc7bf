import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { BatchView } from '@sluice/shared';

import { TokenStore } from '../../../core/auth/token-store';
import { LiveBatch } from '../../../core/realtime/live-batch';
import { aBatchView, aSendingProgress, anEndpointView } from '../../../testing/batch-views';
import {
  buttonNamed,
  clickDialogButton,
  definitions,
  fieldLabelled,
  typeInto,
} from '../../../testing/dom';
import { consoleTestProviders } from '../../../testing/test-providers';
import { SendingPanel } from './sending-panel';

describe(SendingPanel.name, () => {
  const batch = aBatchView({
    phase: 'sending',
    endpoint: anEndpointView({ ratePerSecond: 40, concurrency: 4 }),
    counts: { records: 1_000, parseErrors: 0, succeeded: 300, failed: 20, pending: 680 },
  });
  let fixture: ComponentFixture<SendingPanel>;
  let httpTesting: HttpTestingController;
  let changed: BatchView[];

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: consoleTestProviders() });
    TestBed.inject(TokenStore).set('token-123');
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SendingPanel);
    changed = [];
    fixture.componentInstance.changed.subscribe((view) => changed.push(view));
    await show(batch);
  });

  afterEach(() => {
    httpTesting.verify();
    sessionStorage.clear();
  });

  it('shows sent, failed, pending, in flight, rates and time left', async () => {
    const progress = aSendingProgress({
      total: 1_000,
      sent: 300,
      failed: 20,
      pending: 680,
      inFlight: 4,
      actualRatePerSecond: 38.5,
      configuredRatePerSecond: 40,
      etaSeconds: 18,
    });
    await show({ ...batch, progress });

    expect(figures()).toEqual({
      Sent: '300',
      Failed: '20',
      Pending: '680',
      'In flight': '4',
      'Rate, actual / configured': '38.5 / 40 per second',
      'Time left': '18 s',
    });
    expect(text()).toContain('320 of 1,000 finished (32%)');
    expect(element().querySelector('mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('32');
  });

  it('measures the rate from the snapshots it saw when the API sends none', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(0);
    fixture = TestBed.createComponent(SendingPanel);
    await show(batch);
    now.mockReturnValue(2_000);
    await show({ ...batch, counts: { ...batch.counts, succeeded: 400 } });
    now.mockReturnValue(4_000);
    await show({ ...batch, counts: { ...batch.counts, succeeded: 500 } });
    now.mockRestore();

    expect(figures()['Rate, actual / configured']).toBe('50 / 40 per second');
    expect(figures()['Time left']).toBe('10 s');
  });

  it('pauses the batch and hands the answer on', async () => {
    buttonNamed(element(), 'Pause').click();

    const paused = { ...batch, phase: 'paused' as const };
    httpTesting.expectOne({ method: 'POST', url: `/api/batches/${batch.id}/pause` }).flush(paused);
    expect(changed).toEqual([paused]);
  });

  it('resumes a paused batch and says why it paused', async () => {
    await show({ ...batch, phase: 'paused', reason: 'Paused: 25 failures in a row' });

    expect(text()).toContain('Paused: 25 failures in a row');
    buttonNamed(element(), 'Resume').click();

    httpTesting.expectOne({ method: 'POST', url: `/api/batches/${batch.id}/resume` }).flush(batch);
    expect(changed).toEqual([batch]);
  });

  it('cancels only once the operator confirms', async () => {
    buttonNamed(element(), 'Cancel…').click();
    await fixture.whenStable();
    clickDialogButton('Keep sending');
    await fixture.whenStable();
    httpTesting.expectNone(`/api/batches/${batch.id}/cancel`);

    buttonNamed(element(), 'Cancel…').click();
    await fixture.whenStable();
    clickDialogButton('Cancel sending');
    await fixture.whenStable();

    httpTesting.expectOne({ method: 'POST', url: `/api/batches/${batch.id}/cancel` }).flush(batch);
  });

  it('changes the rate of the running batch', async () => {
    typeInto(fieldLabelled(element(), 'Rate (requests per second)'), '80');
    await fixture.whenStable();
    buttonNamed(element(), 'Apply').click();

    const request = httpTesting.expectOne({
      method: 'PATCH',
      url: `/api/batches/${batch.id}/config`,
    });
    expect(request.request.body).toEqual({
      ratePerSecond: 80,
      concurrency: 4,
      recordsPerRequest: 1,
    });
    request.flush({ ...batch, endpoint: anEndpointView({ ratePerSecond: 80 }) });
    await fixture.whenStable();
    expect(text()).toContain('Applied. The new pace starts within seconds.');
  });

  it('explains a refused command in plain words', async () => {
    buttonNamed(element(), 'Pause').click();

    httpTesting
      .expectOne(`/api/batches/${batch.id}/pause`)
      .flush(
        { code: 'BATCH_PHASE_CONFLICT', message: 'Batch is completed' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();

    expect(element().querySelector('[role="alert"]')?.textContent).toContain(
      'The batch is in a phase that does not allow this action.',
    );
  });

  async function show(snapshot: LiveBatch): Promise<void> {
    fixture.componentRef.setInput('batch', snapshot);
    await fixture.whenStable();
  }

  function figures(): Record<string, string> {
    return definitions(element().querySelector('.figures') ?? element());
  }

  function element(): HTMLElement {
    return fixture.nativeElement as HTMLElement;
  }

  function text(): string {
    return element().textContent ?? '';
  }
});
