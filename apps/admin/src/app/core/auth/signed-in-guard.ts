import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';

import { TokenStore } from './token-store';

/** Sends visitors without a token to sign-in, remembering where they were going. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  if (inject(TokenStore).isSignedIn()) {
    return true;
  }

  return inject(Router).createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};
