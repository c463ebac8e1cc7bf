import { DynamicModule, Global, Module } from '@nestjs/common';

import { OutboundGuard, parseAllowList, WebhookClient } from '@sluice/outbound';

import type { ApiConfig } from '../config/api-config';

/** The outbound guard and HTTP client, for checks at approval and test requests. */
@Global()
@Module({})
export class OutboundModule {
  static forRoot(config: ApiConfig): DynamicModule {
    const guard = new OutboundGuard(parseAllowList(config.allowedTargets));

    return {
      module: OutboundModule,
      providers: [
        { provide: OutboundGuard, useValue: guard },
        { provide: WebhookClient, useValue: new WebhookClient(guard) },
      ],
      exports: [OutboundGuard, WebhookClient],
    };
  }
}
