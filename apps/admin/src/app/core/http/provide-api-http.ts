import { provideHttpClient, withInterceptors, withXhr } from '@angular/common/http';
import { EnvironmentProviders } from '@angular/core';

import { authInterceptor } from './auth-interceptor';

/** HttpClient as the console uses it: XHR, because fetch cannot report upload progress. */
export function provideApiHttp(): EnvironmentProviders {
  return provideHttpClient(withXhr(), withInterceptors([authInterceptor]));
}
