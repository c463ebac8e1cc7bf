import { createHash, timingSafeEqual } from 'node:crypto';

import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

import { DomainError } from '@sluice/shared';

import { API_CONFIG, type ApiConfig } from '../../config/api-config';
import { IS_METRICS_ROUTE } from '../../metrics/metrics-route.decorator';
import { IS_PUBLIC } from './public.decorator';
import { SignInLimiter } from './sign-in-limiter';
import { TooManySignInsError } from './too-many-sign-ins.error';

/** Compares digests so neither the length nor the content of the token leaks through timing. */
export function isSameToken(candidate: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();

  return timingSafeEqual(digest(candidate), digest(expected));
}

/**
 * Every route needs `Authorization: Bearer <SLUICE_API_TOKEN>` unless marked public. Refused
 * tokens count against the client address; past the limit it gets 429 with Retry-After.
 */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: SignInLimiter,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    if (this.config.isMetricsPublic && this.reflector.get(IS_METRICS_ROUTE, context.getHandler())) {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    const address = request.ip ?? 'unknown';
    const retryAfterSeconds = this.limiter.retryAfterSeconds(address);
    if (retryAfterSeconds !== null) throw new TooManySignInsError(retryAfterSeconds);
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() === 'bearer' && token && isSameToken(token, this.config.apiToken)) {
      return true;
    }
    this.limiter.recordFailure(address);
    throw new DomainError('UNAUTHORIZED', 'A valid bearer token is required');
  }
}
