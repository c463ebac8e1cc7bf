import {
  Controller,
  Get,
  Header,
  Param,
  ParseUUIDPipe,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';

import {
  DELIVERY_STATUSES,
  ValidationError,
  type DeliveryDetailView,
  type DeliveryStatus,
  type DeliveryView,
  type Page,
} from '@sluice/shared';

import { PagedQuery, StatusQuery, TokenGuarded } from '../api-docs/doc-decorators';
import { parsePaging } from '../batches/paging';
import { DeliveriesService } from './deliveries.service';

const Uuid = () => new ParseUUIDPipe({ version: '4' });

@TokenGuarded('deliveries')
@Controller('api')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get('batches/:batchId/deliveries')
  @ApiOperation({ summary: 'Deliveries of a batch with their status and last error' })
  @PagedQuery()
  @StatusQuery()
  list(
    @Param('batchId', Uuid()) batchId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<DeliveryView>> {
    return this.deliveries.list(batchId, parseStatus(query['status']), parsePaging(query));
  }

  @Get('deliveries/:deliveryId')
  @ApiOperation({ summary: 'One delivery with every attempt' })
  get(@Param('deliveryId', Uuid()) deliveryId: string): Promise<DeliveryDetailView> {
    return this.deliveries.get(deliveryId);
  }

  /** Failed records as CSV: the original columns plus where and why each failed. */
  @Get('batches/:batchId/failed.csv')
  @ApiOperation({ summary: 'Failed records as CSV, with where and why each failed' })
  @ApiProduces('text/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  async failedCsv(
    @Param('batchId', Uuid()) batchId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const stream = await this.deliveries.failedCsv(batchId);
    response.setHeader('content-disposition', `attachment; filename="failed-${batchId}.csv"`);

    return new StreamableFile(stream);
  }
}

function parseStatus(raw: unknown): DeliveryStatus | undefined {
  if (raw === undefined || raw === '') return undefined;
  if ((DELIVERY_STATUSES as readonly unknown[]).includes(raw)) return raw as DeliveryStatus;
  throw new ValidationError('The status filter is invalid', [
    { field: 'status', message: `Must be one of ${DELIVERY_STATUSES.join(', ')}` },
  ]);
}
