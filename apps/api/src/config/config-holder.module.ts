import { DynamicModule, Global, Module } from '@nestjs/common';

import { API_CONFIG, type ApiConfig } from './api-config';

/** Makes the parsed configuration injectable everywhere as `API_CONFIG`. */
@Global()
@Module({})
export class ConfigHolderModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ConfigHolderModule,
      providers: [{ provide: API_CONFIG, useValue: config }],
      exports: [API_CONFIG],
    };
  }
}
