import { Global, Module } from '@nestjs/common';

import { API_CONFIG, type ApiConfig } from '../../config/api-config';
import { SignInLimiter } from './sign-in-limiter';

/** One sign-in limiter per API process, shared by the HTTP guard and the Socket.IO gateway. */
@Global()
@Module({
  providers: [
    {
      provide: SignInLimiter,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) =>
        new SignInLimiter(config.authFailureLimit, config.authFailureWindowMs),
    },
  ],
  exports: [SignInLimiter],
})
export class AuthModule {}
