import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { ApprovalView, BatchView, DELIVERY_DEFAULTS } from '@sluice/shared';

import { TokenStore } from '../../../core/auth/token-store';
import { aBatchView } from '../../../testing/batch-views';
import {
  buttonNamed,
  clickDialogButton,
  fieldError,
  fieldLabelled,
  typeInto,
} from '../../../testing/dom';
import { consoleTestProviders } from '../../../testing/test-providers';
import { EndpointForm } from './endpoint-form';

describe(EndpointForm.name, () => {
  const batchId = '00000000-0000-4000-8000-0000000000aa';
  const secret = `whsec_${btoa('0123456789abcdef01234567')}`;
  let fixture: ComponentFixture<EndpointForm>;
  let httpTesting: HttpTestingController;
  let approved: (ApprovalView | BatchView)[];

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: consoleTestProviders() });
    TestBed.inject(TokenStore).set('token-123');
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(EndpointForm);
    fixture.componentRef.setInput('batchId', batchId);
    fixture.componentRef.setInput('recordCount', 1_200);
    approved = [];
    fixture.componentInstance.approved.subscribe((view) => approved.push(view));
    await fixture.whenStable();
  });

  afterEach(() => {
    httpTesting.verify();
    sessionStorage.clear();
  });

  it('checks each field as the operator leaves it, by the rules the API applies', async () => {
    typeInto(field('URL'), 'ftp://files.example.test');
    typeInto(field('Rate (requests per second)'), '0');
    typeInto(field('Concurrency'), '1.5');
    buttonNamed(element(), 'Add header').click();
    await fixture.whenStable();
    typeInto(field('Header name 1'), 'Content-Type');
    await fixture.whenStable();

    expect(fieldError(element(), 'URL')).toBe('Must be an absolute http or https URL');
    expect(fieldError(element(), 'Rate (requests per second)')).toBe(
      'Must be a number from 0.1 to 100000',
    );
    expect(fieldError(element(), 'Concurrency')).toBe('Must be an integer from 1 to 256');
    expect(fieldError(element(), 'Header name 1')).toBe(
      'Is set by Sluice and cannot be overridden',
    );
    expect(fieldError(element(), 'Timeout (ms)')).toBeNull();
  });

  it('approves with URL, headers, settings and pasted secret once confirmed', async () => {
    typeInto(field('URL'), ' https://crm.example.test/hooks ');
    buttonNamed(element(), 'Add header').click();
    await fixture.whenStable();
    typeInto(field('Header name 1'), 'Authorization');
    typeInto(field('Header value 1'), 'Bearer partner-token');
    typeInto(field('Rate (requests per second)'), '12.5');
    typeInto(field('Attempts per record'), '3');
    choose('Use a secret I already have');
    await fixture.whenStable();
    typeInto(field('Secret'), secret);

    buttonNamed(element(), 'Approve and send').click();
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')?.textContent).toContain(
      'Sluice starts sending 1,200 records to https://crm.example.test/hooks now.',
    );
    clickDialogButton('Approve and send');
    await fixture.whenStable();

    const request = httpTesting.expectOne(`/api/batches/${batchId}/approve`);
    expect(request.request.body).toEqual({
      url: 'https://crm.example.test/hooks',
      headers: { Authorization: 'Bearer partner-token' },
      ratePerSecond: 12.5,
      concurrency: 8,
      recordsPerRequest: 1,
      timeoutMs: 10_000,
      maxAttempts: 3,
      backoffBaseMs: DELIVERY_DEFAULTS.backoffBaseMs,
      backoffCapMs: DELIVERY_DEFAULTS.backoffCapMs,
      autoPauseConsecutiveFailures: DELIVERY_DEFAULTS.autoPauseConsecutiveFailures,
      autoPauseFailureRatio: DELIVERY_DEFAULTS.autoPauseFailureRatio,
      autoPauseWindow: DELIVERY_DEFAULTS.autoPauseWindow,
      permanentStatusCodes: [400, 401, 403, 404, 405, 410, 413, 422],
      secret,
    });
    const answer = { ...aBatchView({ id: batchId, phase: 'sending' }), secret };
    request.flush(answer);
    expect(approved).toEqual([answer]);
  });

  it('sends nothing when the operator backs out of the confirmation', async () => {
    typeInto(field('URL'), 'https://crm.example.test/hooks');

    buttonNamed(element(), 'Approve and send').click();
    await fixture.whenStable();
    clickDialogButton('Not yet');
    await fixture.whenStable();

    httpTesting.expectNone(`/api/batches/${batchId}/approve`);
    expect(approved).toEqual([]);
  });

  it('refuses an incomplete form and puts focus on the first field to fix', async () => {
    buttonNamed(element(), 'Approve and send').click();
    await fixture.whenStable();

    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(document.activeElement).toBe(field('URL'));
    expect(fieldError(element(), 'URL')).toBe('Is required');
  });

  it('shows the issues the API found on the fields they name', async () => {
    typeInto(field('URL'), 'https://crm.example.test/hooks');
    buttonNamed(element(), 'Approve and send').click();
    await fixture.whenStable();
    clickDialogButton('Approve and send');
    await fixture.whenStable();

    httpTesting.expectOne(`/api/batches/${batchId}/approve`).flush(
      {
        code: 'VALIDATION_FAILED',
        message: 'The endpoint config is invalid',
        issues: [
          { field: 'url', message: 'Resolves to a private address' },
          { field: 'backoffCapMs', message: 'Must be at least backoffBaseMs' },
          { field: 'headers.X-Removed', message: 'Is not a valid header name' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(fieldError(element(), 'URL')).toBe('Resolves to a private address');
    expect(fieldError(element(), 'Longest retry delay (ms)')).toBe(
      'Must be at least backoffBaseMs',
    );
    expect(element().querySelector('mat-expansion-panel')?.classList).toContain('mat-expanded');
    const alert = element().querySelector('[role="alert"]')?.textContent ?? '';
    expect(alert).toContain('The API did not accept what was sent.');
    expect(alert).toContain('headers.X-Removed: Is not a valid header name');
    expect(alert).not.toContain('Resolves to a private address');
  });

  it('opens the retry settings when one of them is wrong', async () => {
    typeInto(field('URL'), 'https://crm.example.test/hooks');
    typeInto(field('First retry delay (ms)'), '5000');
    typeInto(field('Longest retry delay (ms)'), '1000');
    typeInto(field('Statuses never retried'), '404, teapot');

    buttonNamed(element(), 'Approve and send').click();
    await fixture.whenStable();

    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(element().querySelector('mat-expansion-panel')?.classList).toContain('mat-expanded');
    expect(element().textContent).toContain('The longest retry delay must be at least the first');
    expect(fieldError(element(), 'Statuses never retried')).toBe(
      'Must be a list of HTTP status codes from 300 to 599',
    );
  });

  it('says how the endpoint answered the test request', async () => {
    typeInto(field('URL'), 'https://crm.example.test/hooks');

    buttonNamed(element(), 'Send a test request').click();
    const request = httpTesting.expectOne(`/api/batches/${batchId}/test-request`);
    expect(request.request.body).toMatchObject({ url: 'https://crm.example.test/hooks' });
    request.flush({
      statusCode: 422,
      errorCode: 'HTTP_4XX',
      durationMs: 41.6,
      responseExcerpt: '{"error":"unknown field"}',
    });
    await fixture.whenStable();

    const result = element().querySelector('app-test-request-result')?.textContent ?? '';
    expect(result).toContain(
      'Test request failed: Refused by the endpoint, status 422, after 42 ms.',
    );
    expect(result).toContain('{"error":"unknown field"}');
    httpTesting.expectNone(`/api/batches/${batchId}/approve`);
  });

  function field(label: string): HTMLInputElement {
    return fieldLabelled(element(), label);
  }

  function choose(label: string): void {
    const radios = Array.from(element().querySelectorAll('mat-radio-button'));
    const radio = radios.find((candidate) => candidate.textContent?.trim() === label);
    radio?.querySelector<HTMLInputElement>('input')?.click();
  }

  function element(): HTMLElement {
    return fixture.nativeElement as HTMLElement;
  }
});
