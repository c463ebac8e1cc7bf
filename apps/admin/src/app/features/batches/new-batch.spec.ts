import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { TokenStore } from '../../core/auth/token-store';
import { aBatchView } from '../../testing/batch-views';
import { chooseFile } from '../../testing/dom';
import { navigationEnd } from '../../testing/navigation';
import { consoleTestProviders } from '../../testing/test-providers';

describe('NewBatch', () => {
  let harness: RouterTestingHarness;
  let httpTesting: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: consoleTestProviders() });
    TestBed.inject(TokenStore).set('token-123');
    httpTesting = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create('/batches/new');
  });

  afterEach(() => {
    httpTesting.verify();
    sessionStorage.clear();
  });

  it('shows the upload limit the API reports', async () => {
    httpTesting.expectOne('/api/limits').flush({ maxUploadBytes: 50 * 1_024 ** 2 });
    await harness.fixture.whenStable();

    expect(text()).toContain('Files up to 50 MB.');
  });

  it('shows the default limit, as such, when the API does not report one', async () => {
    httpTesting
      .expectOne('/api/limits')
      .flush(
        { code: 'NOT_FOUND', message: 'Cannot GET' },
        { status: 404, statusText: 'Not Found' },
      );
    await harness.fixture.whenStable();

    expect(text()).toContain("Files up to 1 GB (the API's default limit");
  });

  it('opens the new batch as soon as the API has stored the file', async () => {
    httpTesting.expectOne('/api/limits').flush({ maxUploadBytes: 1_024 ** 2 });
    await harness.fixture.whenStable();
    const batch = aBatchView({ phase: 'parsing' });
    const navigated = navigationEnd(TestBed.inject(Router));

    chooseFile(page(), new File(['id\n1\n'], 'new.csv', { type: 'text/csv' }));
    httpTesting
      .expectOne({ method: 'POST', url: '/api/batches' })
      .flush(batch, { status: 201, statusText: 'Created' });
    await navigated;

    expect(TestBed.inject(Router).url).toBe(`/batches/${batch.id}`);
    TestBed.tick();
    httpTesting.expectOne(`/api/batches/${batch.id}`).flush(batch);
  });

  function page(): HTMLElement {
    return harness.routeNativeElement as HTMLElement;
  }

  function text(): string {
    return page().textContent ?? '';
  }
});
