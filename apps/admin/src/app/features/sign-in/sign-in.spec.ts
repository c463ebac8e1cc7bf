import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { ERROR_MESSAGES } from '../../core/errors/error-messages';
import { aPage } from '../../testing/batch-views';
import { navigationEnd } from '../../testing/navigation';
import { consoleTestProviders } from '../../testing/test-providers';

describe('SignIn', () => {
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: consoleTestProviders(),
    });
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    sessionStorage.clear();
  });

  it('opens in place of the batch list when no token is stored', async () => {
    await harness.navigateByUrl('/');

    expect(TestBed.inject(Router).url).toBe('/sign-in?returnUrl=%2F');
    expect(page().querySelector('h1')?.textContent).toBe('Sign in');
  });

  it('keeps the pasted token for this tab and sends it with the next API request', async () => {
    await harness.navigateByUrl('/sign-in');
    const navigated = navigationEnd(TestBed.inject(Router));

    typeToken('  token-123\n');
    submit();
    await navigated;
    TestBed.tick();

    expect(sessionStorage.getItem('sluice.apiToken')).toBe('token-123');
    const requests = TestBed.inject(HttpTestingController).match(
      (candidate) => candidate.url === '/api/batches',
    );
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request.request.headers.get('Authorization')).toBe('Bearer token-123');
      request.flush(aPage([]));
    }
  });

  it('refuses a blank token', async () => {
    await harness.navigateByUrl('/sign-in');

    typeToken('   ');
    submit();
    harness.detectChanges();

    expect(sessionStorage.length).toBe(0);
    expect(page().querySelector('mat-error')?.textContent).toContain('Paste the API token.');
  });

  it('says why when the API refused the previous token', async () => {
    await harness.navigateByUrl('/sign-in?reason=unauthorized');

    expect(page().querySelector('[role="alert"]')?.textContent).toContain(
      ERROR_MESSAGES.UNAUTHORIZED,
    );
  });

  function page(): HTMLElement {
    return harness.routeNativeElement as HTMLElement;
  }

  function typeToken(value: string): void {
    const input = page().querySelector<HTMLInputElement>('input[type="password"]');
    if (!input) {
      throw new Error('Token field not found');
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function submit(): void {
    page().querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
  }
});
