import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { BatchView, RecordView } from '@sluice/shared';

import { TokenStore } from '../../../core/auth/token-store';
import { aBatchView, aPage } from '../../../testing/batch-views';
import { buttonNamed, clickDialogButton, definitions, settle } from '../../../testing/dom';
import { consoleTestProviders } from '../../../testing/test-providers';
import { ReviewPanel } from './review-panel';

describe(ReviewPanel.name, () => {
  const batch = aBatchView({
    fileName: 'orders.csv',
    fileSizeBytes: 3_072,
    format: { delimiter: ';', encoding: 'utf-8', columns: ['id', 'email'] },
    counts: { records: 250, parseErrors: 1, succeeded: 0, failed: 0, pending: 250 },
  });
  let fixture: ComponentFixture<ReviewPanel>;
  let httpTesting: HttpTestingController;
  let discarded: BatchView[];

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: consoleTestProviders() });
    TestBed.inject(TokenStore).set('token-123');
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReviewPanel);
    fixture.componentRef.setInput('batch', batch);
    discarded = [];
    fixture.componentInstance.discarded.subscribe((view) => discarded.push(view));
    await settle();
    httpTesting
      .expectOne((request) => request.url.endsWith('/errors'))
      .flush(aPage([{ lineNumber: 9, columnNumber: 2, code: 'QUOTE', message: 'Unclosed quote' }]));
    const records = httpTesting.expectOne((request) => request.url.endsWith('/records'));
    expect(records.request.params.get('offset')).toBe('0');
    expect(records.request.params.get('limit')).toBe('100');
    records.flush(aPage(recordsFrom(1, 100), { total: 250, limit: 100 }));
    await settle();
  });

  afterEach(() => {
    httpTesting.verify();
    sessionStorage.clear();
  });

  it('shows what the parser detected', () => {
    expect(definitions(element().querySelector('app-detected-format') ?? element())).toEqual({
      Records: '250',
      'Parse errors': '1',
      Delimiter: 'Semicolon (;)',
      Encoding: 'UTF-8',
      'File size': '3 KB',
      'Header (2 columns)': 'idemail',
    });
    const columns = element().querySelectorAll('app-detected-format li');
    expect(Array.from(columns).map((column) => column.textContent)).toEqual(['id', 'email']);
  });

  it('shows records by line under their header, and parse errors by line and column', () => {
    const records = element().querySelector('[role="table"][aria-label="Records"]');
    const header = Array.from(records?.querySelectorAll('[role="columnheader"]') ?? []);
    const firstRow = records?.querySelector('[role="row"][aria-rowindex="2"]');

    expect(records?.getAttribute('aria-rowcount')).toBe('251');
    expect(header.map((cell) => cell.textContent?.trim())).toEqual(['Line', 'id', 'email']);
    expect(
      Array.from(firstRow?.querySelectorAll('[role="cell"]') ?? []).map((cell) =>
        cell.textContent?.trim(),
      ),
    ).toEqual(['2', '1', 'person-1@example.test']);
    const errorRow = element().querySelector('table[aria-label="Parse errors"] tr.mat-mdc-row');
    expect(errorRow?.textContent?.replace(/\s+/g, ' ')).toContain('9 2 Unclosed quote QUOTE');
  });

  it('discards the batch once the operator confirms', async () => {
    buttonNamed(element(), 'Discard batch').click();
    await settle();
    clickDialogButton('Discard');
    await settle();

    const cancelled = { ...batch, phase: 'cancelled' as const };
    httpTesting
      .expectOne({ method: 'POST', url: `/api/batches/${batch.id}/cancel` })
      .flush(cancelled);
    expect(discarded).toEqual([cancelled]);
  });

  it('keeps the batch when the operator changes their mind', async () => {
    buttonNamed(element(), 'Discard batch').click();
    await settle();
    clickDialogButton('Keep it');
    await settle();

    httpTesting.expectNone(`/api/batches/${batch.id}/cancel`);
  });

  function recordsFrom(first: number, count: number): RecordView[] {
    return Array.from({ length: count }, (_, index) => ({
      seq: first + index,
      lineNumber: first + index + 1,
      values: { id: String(first + index), email: `person-${first + index}@example.test` },
    }));
  }

  function element(): HTMLElement {
    return fixture.nativeElement as HTMLElement;
  }
});
