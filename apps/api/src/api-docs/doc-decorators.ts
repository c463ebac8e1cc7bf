import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

import { BATCH_PHASES, DELIVERY_STATUSES } from '@sluice/shared';

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../batches/paging';

/** A controller whose routes need the bearer token, under one tag of the OpenAPI document. */
export const TokenGuarded = (tag: string) =>
  applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing or wrong bearer token' }),
    ApiTooManyRequestsResponse({ description: 'Too many refused tokens from this address' }),
  );

/** `offset` and `limit` of a paged list, with the bounds `parsePaging` enforces. */
export const PagedQuery = () =>
  applyDecorators(
    ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0 } }),
    ApiQuery({
      name: 'limit',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
    }),
  );

export const PhaseQuery = () =>
  ApiQuery({ name: 'phase', required: false, enum: [...BATCH_PHASES] });

export const StatusQuery = () =>
  ApiQuery({ name: 'status', required: false, enum: [...DELIVERY_STATUSES] });
