import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { BatchView } from '@sluice/shared';

import { TokenStore } from '../../../core/auth/token-store';
import { aBatchView } from '../../../testing/batch-views';
import { buttonNamed, settle } from '../../../testing/dom';
import { consoleTestProviders } from '../../../testing/test-providers';
import { ReadingOptions } from './reading-options';

describe(ReadingOptions.name, () => {
  const batch = aBatchView({
    phase: 'awaiting_approval',
    format: { encoding: 'utf-8', delimiter: ',', columns: ['name;city'] },
  });
  let fixture: ComponentFixture<ReadingOptions>;
  let httpTesting: HttpTestingController;
  let reread: BatchView[];

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: consoleTestProviders() });
    TestBed.inject(TokenStore).set('token-123');
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReadingOptions);
    fixture.componentRef.setInput('batch', batch);
    reread = [];
    fixture.componentInstance.reread.subscribe((view) => reread.push(view));
    await settle();
  });

  afterEach(() => {
    httpTesting.verify();
    sessionStorage.clear();
  });

  it('shows how the file was read, with nothing to send until a choice changes', () => {
    expect(select('Encoding').value).toBe('utf-8');
    expect(selectedText('Encoding')).toBe('UTF-8');
    expect(selectedText('Delimiter')).toBe('Comma (,)');
    expect(button().disabled).toBe(true);
    expect(optionTexts('Encoding')).toEqual([
      'UTF-8',
      'UTF-16 LE',
      'UTF-16 BE',
      'Windows-1252 (Western European)',
    ]);
  });

  it('asks the API to read the file again with only what the operator changed', async () => {
    await choose('Encoding', 'windows-1252');
    await choose('Delimiter', ';');
    button().click();
    await settle();

    const request = httpTesting.expectOne({
      method: 'POST',
      url: `/api/batches/${batch.id}/reparse`,
    });
    expect(request.request.body).toEqual({ encoding: 'windows-1252', delimiter: ';' });
    expect(button().disabled).toBe(true);
    const parsing = { ...batch, phase: 'parsing' as const };
    request.flush(parsing);
    await settle();

    expect(reread).toEqual([parsing]);
  });

  it('keeps the choice while live updates bring the same batch again', async () => {
    await choose('Encoding', 'windows-1252');
    fixture.componentRef.setInput('batch', { ...batch, updatedAt: new Date().toISOString() });
    await settle();

    expect(select('Encoding').value).toBe('windows-1252');
    expect(button().disabled).toBe(false);
  });

  it('follows a new reading of the file once the API reports one', async () => {
    await choose('Delimiter', ';');
    fixture.componentRef.setInput('batch', {
      ...batch,
      format: { encoding: 'utf-8', delimiter: '\t', columns: ['name', 'city'] },
    });
    await settle();

    expect(select('Delimiter').value).toBe('\t');
    expect(button().disabled).toBe(true);
  });

  it('sends a changed delimiter alone and keeps the encoding', async () => {
    await choose('Delimiter', '\t');
    button().click();
    await settle();

    httpTesting.expectOne(`/api/batches/${batch.id}/reparse`).flush({ ...batch, phase: 'parsing' });
    const request = httpTesting.match(() => true);
    expect(request).toEqual([]);
    expect(reread.map((view) => view.phase)).toEqual(['parsing']);
  });

  it('says why the API refused, and lets the operator choose again', async () => {
    await choose('Encoding', 'utf-16le');
    button().click();
    await settle();

    httpTesting.expectOne(`/api/batches/${batch.id}/reparse`).flush(
      {
        code: 'VALIDATION_FAILED',
        message: 'The file is not a text CSV file: read as utf-16le, it holds binary data',
        issues: [],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();

    const shown = element().querySelector('app-api-error-message')?.textContent ?? '';
    expect(shown).toContain('The API did not accept what was sent.');
    expect(shown).toContain('read as utf-16le, it holds binary data');
    expect(reread).toEqual([]);
    expect(button().disabled).toBe(false);
  });

  it('follows a new reading of the batch as the current choice', async () => {
    fixture.componentRef.setInput('batch', {
      ...batch,
      format: { encoding: 'windows-1252', delimiter: ';', columns: ['name', 'city'] },
    });
    await settle();

    expect(selectedText('Encoding')).toBe('Windows-1252 (Western European)');
    expect(selectedText('Delimiter')).toBe('Semicolon (;)');
    expect(button().disabled).toBe(true);
  });

  async function choose(label: string, value: string): Promise<void> {
    const control = select(label);
    control.value = value;
    control.dispatchEvent(new Event('change'));
    await settle();
  }

  function select(label: string): HTMLSelectElement {
    const fields = Array.from(element().querySelectorAll('mat-form-field'));
    const field = fields.find((f) => f.querySelector('mat-label')?.textContent?.trim() === label);
    const control = field?.querySelector('select');
    if (!control) {
      throw new Error(`No select labelled ${label}`);
    }

    return control;
  }

  function selectedText(label: string): string {
    const control = select(label);
    return control.options[control.selectedIndex]?.textContent?.trim() ?? '';
  }

  function optionTexts(label: string): string[] {
    return Array.from(select(label).options).map((option) => option.textContent?.trim() ?? '');
  }

  function button(): HTMLButtonElement {
    return buttonNamed(element(), 'Read the file again');
  }

  function element(): HTMLElement {
    return fixture.nativeElement as HTMLElement;
  }
});
