import { HttpErrorResponse, HttpInterceptorFn, HttpStatusCode } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';

import { TokenStore } from '../auth/token-store';

/**
 * Adds the bearer token to API requests, and only to them, so the token never reaches another
 * origin. A 401 means the token is wrong or was rotated: drop it and ask for a new one.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApiUrl(request.url)) {
    return next(request);
  }

  const tokens = inject(TokenStore);
  const router = inject(Router);
  const token = tokens.token();
  const authorized = token
    ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
    : request;

  return next(authorized).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === HttpStatusCode.Unauthorized) {
        tokens.clear();
        void router.navigate(['/sign-in'], {
          queryParams: { reason: 'unauthorized', returnUrl: router.url },
        });
      }

      return throwError(() => error);
    }),
  );
};

function isApiUrl(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
