import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { BatchView } from '@sluice/shared';

import { appConfig } from '../../app.config';
import { TokenStore } from '../../core/auth/token-store';
import { aBatchView, aPage } from '../../testing/batch-views';
import { buttonNamed, chooseFile } from '../../testing/dom';
import { BatchList } from './batch-list';

describe(BatchList.name, () => {
  let fixture: ComponentFixture<BatchList>;
  let httpTesting: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [...appConfig.providers, provideHttpClientTesting()],
    });
    TestBed.inject(TokenStore).set('token-123');
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BatchList);
    TestBed.tick();
  });

  afterEach(() => {
    httpTesting.verify();
    sessionStorage.clear();
  });

  it('shows each batch the API returns with its phase, counts and Temporal link', async () => {
    const newer = aBatchView({
      fileName: 'march.csv',
      phase: 'completed_with_failures',
      counts: { records: 1500, parseErrors: 3, succeeded: 1490, failed: 10, pending: 0 },
    });
    const older = aBatchView({ fileName: 'february.csv', phase: 'parsing' });

    await respondToList(aPage([newer, older]));

    const rows = bodyRows();
    expect(rows.map((row) => cellTexts(row).slice(0, 1))).toEqual([
      ['march.csv'],
      ['february.csv'],
    ]);
    expect(cellTexts(rows[0]).slice(2, 7)).toEqual([
      'Completed with failures',
      '1,500',
      '3',
      '1,490',
      '10',
    ]);
    const link = rows[0].querySelector('a');
    expect(link?.getAttribute('href')).toBe(newer.temporalUrl);
    expect(link?.getAttribute('target')).toBe('_blank');
  });

  it('asks for the first page of the chosen phase', async () => {
    await respondToList(aPage([aBatchView()], { total: 45 }));
    await goToNextPage();
    await respondToList(aPage([aBatchView()], { total: 45, offset: 20 }), '20');

    await choosePhase('Sending');

    const request = httpTesting.expectOne((candidate) => candidate.url === '/api/batches');
    expect(request.request.params.get('phase')).toBe('sending');
    expect(request.request.params.get('offset')).toBe('0');
    request.flush(aPage([]));
    await fixture.whenStable();
    expect(element().textContent).toContain('No batch is in phase “Sending”.');
  });

  it('asks for the next page by offset and limit', async () => {
    await respondToList(aPage([aBatchView()], { total: 45 }));

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

    await respondToList(aPage([aBatchView({ fileName: 'late.csv' })]));
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

  it('puts a batch uploaded on this page at the top of the list without asking again', async () => {
    await respondToList(aPage([aBatchView({ fileName: 'old.csv' })]));
    const uploaded = aBatchView({ fileName: 'new.csv', phase: 'parsing' });

    chooseFile(element(), new File(['id\n1\n'], 'new.csv', { type: 'text/csv' }));
    httpTesting
      .expectOne({ method: 'POST', url: '/api/batches' })
      .flush(uploaded, { status: 201, statusText: 'Created' });
    await fixture.whenStable();

    expect(bodyRows().map((row) => cellTexts(row)[0])).toEqual(['new.csv', 'old.csv']);
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

  function cellTexts(row: HTMLElement): string[] {
    return Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.trim() ?? '');
  }
});
