import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';

import { AttentionKind, BatchAttentionNeededEvent, BatchPhase, BatchView } from '@sluice/shared';

import { TokenStore } from '../../core/auth/token-store';
import { aBatchView, anEndpointView } from '../../testing/batch-views';
import { FakeGateway, FakeSocket } from '../../testing/fake-gateway';
import { consoleTestProviders } from '../../testing/test-providers';
import { AttentionNotices } from './attention-notices';

describe(AttentionNotices.name, () => {
  const batch = aBatchView({ phase: 'sending', endpoint: anEndpointView() });
  let harness: RouterTestingHarness;
  let httpTesting: HttpTestingController;
  let socket: FakeSocket;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: consoleTestProviders() });
    TestBed.inject(TokenStore).set('token-123');
    httpTesting = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await open(batch);
  });

  afterEach(() => {
    httpTesting.verify();
    sessionStorage.clear();
  });

  it('shows a pushed notice as an alert, in plain words, with its message and time', async () => {
    const notice = aNotice('auto_paused', {
      message: 'Paused automatically: 25 attempts failed in a row',
      detectedAt: '2026-03-02T10:20:00.000Z',
    });

    socket.push('batch.attention_needed', notice);
    await harness.fixture.whenStable();

    const [alert] = alerts();
    expect(alert.querySelector('h2')?.textContent?.trim()).toBe('Paused after repeated failures');
    expect(alert.textContent).toContain('Paused automatically: 25 attempts failed in a row');
    expect(alert.textContent).toContain('Check the endpoint, then resume or cancel the batch.');
    expect(alert.querySelector('time')?.getAttribute('datetime')).toBe(notice.detectedAt);
    expect(alert.querySelector('time')?.textContent).toContain('Noticed at');
  });

  it('keeps one notice per kind, the newest first, replacing the older of its kind', async () => {
    socket.push('batch.attention_needed', aNotice('failure_burst', { message: '12 failed' }));
    socket.push('batch.attention_needed', aNotice('parse_errors_found', { message: '3 rows' }));
    socket.push('batch.attention_needed', aNotice('failure_burst', { message: '30 failed' }));
    await harness.fixture.whenStable();

    expect(alerts().map((alert) => alert.querySelector('h2')?.textContent?.trim())).toEqual([
      'Many deliveries are failing',
      'Some rows could not be read',
    ]);
    expect(alerts()[0].textContent).toContain('30 failed');
    expect(alerts()[0].textContent).not.toContain('12 failed');
  });

  it('removes a notice the operator dismisses and leaves the others', async () => {
    socket.push('batch.attention_needed', aNotice('failure_burst'));
    socket.push('batch.attention_needed', aNotice('auto_paused'));
    await harness.fixture.whenStable();

    const dismiss = alerts()[1].querySelector('button');
    expect(dismiss?.getAttribute('aria-label')).toBe('Dismiss “Many deliveries are failing”');
    dismiss?.click();
    await harness.fixture.whenStable();

    expect(alerts().map((alert) => alert.querySelector('h2')?.textContent?.trim())).toEqual([
      'Paused after repeated failures',
    ]);
  });

  it('takes a notice away once the batch has moved past what it was about', async () => {
    socket.push('batch.attention_needed', aNotice('failure_burst'));
    socket.push('batch.attention_needed', aNotice('auto_paused'));
    await harness.fixture.whenStable();

    await moveTo('paused');
    const whilePaused = headings();
    await moveTo('sending');
    const afterResume = headings();
    await moveTo('completed_with_failures');

    expect(whilePaused).toEqual(['Paused after repeated failures', 'Many deliveries are failing']);
    expect(afterResume).toEqual(['Many deliveries are failing']);
    expect(headings()).toEqual([]);
  });

  it('takes the parse errors notice away once the batch is approved', async () => {
    socket.push('batch.progressed', {
      batchId: batch.id,
      snapshot: { ...batch, phase: 'awaiting_approval' },
    });
    await answerReviewReads();
    await harness.fixture.whenStable();
    socket.push('batch.attention_needed', aNotice('parse_errors_found'));
    await harness.fixture.whenStable();
    const beforeApproval = headings();

    await moveTo('sending');

    expect(beforeApproval).toEqual(['Some rows could not be read']);
    expect(headings()).toEqual([]);
  });

  it('shows nothing for another batch, nor for a notice it cannot read', async () => {
    const other = aBatchView();

    socket.push('batch.attention_needed', aNotice('failure_burst', { batchId: other.id }));
    socket.push('batch.attention_needed', { ...aNotice('failure_burst'), kind: 'weather' });
    socket.push('batch.attention_needed', { ...aNotice('auto_paused'), message: undefined });
    await harness.fixture.whenStable();

    expect(alerts()).toEqual([]);
  });

  async function open(view: BatchView): Promise<void> {
    await harness.navigateByUrl(`/batches/${view.id}`);
    httpTesting.expectOne(`/api/batches/${view.id}`).flush(view);
    await harness.fixture.whenStable();
    socket = TestBed.inject(FakeGateway).socket;
    socket.acceptConnection();
    socket.answerNext({ ok: true, snapshot: { ...view } });
    await harness.fixture.whenStable();
  }

  function aNotice(
    kind: AttentionKind,
    overrides: Partial<BatchAttentionNeededEvent> = {},
  ): BatchAttentionNeededEvent {
    return {
      batchId: batch.id,
      kind,
      message: `Something about ${kind}`,
      count: 12,
      detectedAt: '2026-03-02T10:20:00.000Z',
      ...overrides,
    };
  }

  /** Answers the review panel's reads of records and parse errors, which start one by one. */
  async function answerReviewReads(): Promise<void> {
    for (let round = 0; round < 5; round += 1) {
      harness.detectChanges();
      await new Promise((resolve) => setTimeout(resolve));
      for (const request of httpTesting.match(() => true)) {
        request.flush({ items: [], total: 0, offset: 0, limit: 20 });
      }
    }
  }

  /** The batch's new phase, as the gateway pushes it in a snapshot. */
  async function moveTo(phase: BatchPhase): Promise<void> {
    socket.push('batch.progressed', { batchId: batch.id, snapshot: { ...batch, phase } });
    await harness.fixture.whenStable();
  }

  function headings(): (string | undefined)[] {
    return alerts().map((alert) => alert.querySelector('h2')?.textContent?.trim());
  }

  function alerts(): HTMLElement[] {
    const page = harness.routeNativeElement as HTMLElement;

    return Array.from(page.querySelectorAll<HTMLElement>('app-attention-notices [role="alert"]'));
  }
});
