import { HttpEventType } from '@angular/common/http';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { TokenStore } from '../../core/auth/token-store';
import { ERROR_MESSAGES } from '../../core/errors/error-messages';
import { aBatchView } from '../../testing/batch-views';
import { buttonNamed, chooseFile } from '../../testing/dom';
import { consoleTestProviders } from '../../testing/test-providers';
import { BatchUpload } from './batch-upload';

describe(BatchUpload.name, () => {
  let fixture: ComponentFixture<BatchUpload>;
  let httpTesting: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: consoleTestProviders(),
    });
    TestBed.inject(TokenStore).set('token-123');
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BatchUpload);
    await fixture.whenStable();
  });

  afterEach(() => {
    httpTesting.verify();
    sessionStorage.clear();
  });

  it('posts the chosen file as the multipart field "file"', async () => {
    chooseFile(element(), aCsvFile('orders.csv'));

    const request = expectUpload();
    const body = request.request.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('orders.csv');
    expect(request.request.reportProgress).toBe(true);
    request.flush(aBatchView({ fileName: 'orders.csv' }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(text()).toContain('Uploaded orders.csv.');
  });

  it('shows how much of the file has been sent', () => {
    chooseFile(element(), aCsvFile('orders.csv'));
    const request = expectUpload();

    request.event({ type: HttpEventType.UploadProgress, loaded: 50, total: 200 });
    TestBed.tick();

    const bar = element().querySelector('mat-progress-bar');
    expect(bar?.getAttribute('aria-valuenow')).toBe('25');
    expect(bar?.getAttribute('aria-label')).toBe('Upload of orders.csv');
    request.flush(aBatchView(), { status: 201, statusText: 'Created' });
  });

  it('explains an error code from the API in plain words', async () => {
    chooseFile(element(), aCsvFile('photo.csv'));

    expectUpload().flush(
      { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'File is not text/csv' },
      { status: 415, statusText: 'Unsupported Media Type' },
    );
    await fixture.whenStable();

    const alert = element().querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(ERROR_MESSAGES.UNSUPPORTED_MEDIA_TYPE);
    expect(alert?.textContent).toContain('File is not text/csv');
    expect(text()).toContain('Upload of photo.csv failed.');
  });

  it('uploads a file dropped on the card', async () => {
    drop([aCsvFile('dropped.csv')]);

    const request = expectUpload();
    expect(((request.request.body as FormData).get('file') as File).name).toBe('dropped.csv');
    request.flush(aBatchView(), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
  });

  it('refuses several files dropped at once', async () => {
    drop([aCsvFile('a.csv'), aCsvFile('b.csv')]);
    await fixture.whenStable();

    expect(text()).toContain('Drop one file at a time.');
  });

  it('aborts the request when the upload is cancelled', async () => {
    chooseFile(element(), aCsvFile('big.csv'));
    const request = expectUpload();
    TestBed.tick();

    buttonNamed(element(), 'Cancel upload').click();
    await fixture.whenStable();

    expect(request.cancelled).toBe(true);
    expect(element().querySelector('mat-progress-bar')).toBeNull();
  });

  it('shows the limit the API set and refuses a larger file before sending it', async () => {
    fixture.componentRef.setInput('limit', { maxBytes: 10, isDefault: false });
    await fixture.whenStable();

    chooseFile(element(), aCsvFile('big.csv'));
    await fixture.whenStable();

    expect(text()).toContain('Files up to 10 bytes.');
    expect(text()).toContain('big.csv is too large: 25 bytes; the API takes files up to 10 bytes.');
    httpTesting.expectNone({ method: 'POST', url: '/api/batches' });
  });

  it('leaves a default limit to the API, which may be set higher', async () => {
    fixture.componentRef.setInput('limit', { maxBytes: 10, isDefault: true });
    await fixture.whenStable();

    chooseFile(element(), aCsvFile('big.csv'));

    expect(text()).toContain("Files up to 10 bytes (the API's default limit");
    expectUpload().flush(aBatchView(), { status: 201, statusText: 'Created' });
  });

  it('refuses an empty file', async () => {
    chooseFile(element(), new File([], 'empty.csv', { type: 'text/csv' }));
    await fixture.whenStable();

    expect(text()).toContain('empty.csv is empty.');
  });

  function expectUpload(): TestRequest {
    return httpTesting.expectOne({ method: 'POST', url: '/api/batches' });
  }

  function aCsvFile(name: string): File {
    return new File(['id,email\n1,a@example.com\n'], name, { type: 'text/csv' });
  }

  // jsdom has no DataTransfer, so the event carries a stand-in with the fields the card reads.
  function drop(files: File[]): void {
    const event = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'dataTransfer', { value: { files, types: ['Files'] } });
    element().querySelector('mat-card')?.dispatchEvent(event);
  }

  function element(): HTMLElement {
    return fixture.nativeElement as HTMLElement;
  }

  function text(): string {
    return element().textContent ?? '';
  }
});
