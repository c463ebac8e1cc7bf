import { provideHttpClientTesting } from '@angular/common/http/testing';
import { Provider, EnvironmentProviders } from '@angular/core';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';

import { appConfig } from '../app.config';
import { provideFakeGateway } from './fake-gateway';

/**
 * The console's real providers, with HTTP answered by the test, a fake socket, and Material's
 * animations off (jsdom never ends a CSS animation, so dialogs would never finish closing).
 */
export function consoleTestProviders(): (Provider | EnvironmentProviders)[] {
  return [
    ...appConfig.providers,
    provideHttpClientTesting(),
    provideFakeGateway(),
    { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
  ];
}
