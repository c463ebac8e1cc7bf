import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { navigationEnd } from '../../testing/navigation';
import { TokenStore } from '../auth/token-store';
import { consoleTestProviders } from '../../testing/test-providers';

describe('authInterceptor', () => {
  let http: HttpClient;
  let httpTesting: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: consoleTestProviders(),
    });
    TestBed.inject(TokenStore).set('token-123');
    http = TestBed.inject(HttpClient);
    httpTesting = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    httpTesting.verify();
    sessionStorage.clear();
  });

  it('adds the bearer token to API requests', () => {
    http.get('/api/batches').subscribe();

    const request = httpTesting.expectOne('/api/batches');
    expect(request.request.headers.get('Authorization')).toBe('Bearer token-123');
    request.flush({});
  });

  it('keeps the token off requests that do not go to the API', () => {
    http.get('https://example.com/api/batches').subscribe();

    const request = httpTesting.expectOne('https://example.com/api/batches');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({});
  });

  it('forgets the token and opens sign-in when the API answers 401', async () => {
    const router = TestBed.inject(Router);
    const response = firstValueFrom(http.get('/api/batches')).catch((error: unknown) => error);
    const navigated = navigationEnd(router);

    httpTesting
      .expectOne('/api/batches')
      .flush({ code: 'UNAUTHORIZED', message: 'Bad token' }, { status: 401, statusText: '' });
    await navigated;

    expect(await response).toMatchObject({ status: 401 });
    expect(TestBed.inject(TokenStore).token()).toBeNull();
    expect(sessionStorage.length).toBe(0);
    expect(router.url).toBe('/sign-in?reason=unauthorized&returnUrl=%2F');
  });
});
