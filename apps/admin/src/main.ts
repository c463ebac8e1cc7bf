import { bootstrapApplication } from '@angular/platform-browser';

import { App } from './app/app';
import { appConfig } from './app/app.config';

bootstrapApplication(App, appConfig).catch((error: unknown) => {
  // No ErrorHandler exists before bootstrap succeeds; the browser console is the only outlet.
  // eslint-disable-next-line no-console
  console.error(error);
});
