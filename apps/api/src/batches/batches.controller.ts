import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import type { Request } from 'express';

import type { BatchView, Page, ParseErrorView, RecordView } from '@sluice/shared';

import { BatchesService } from './batches.service';
import { parsePaging, parsePhase } from './paging';

const BatchId = () => new ParseUUIDPipe({ version: '4' });

@Controller('api/batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  /** Multipart upload, field `file`; the body is streamed, so no body parser runs here. */
  @Post()
  upload(@Req() request: Request): Promise<BatchView> {
    return this.batches.upload(request);
  }

  @Get()
  list(@Query() query: Record<string, unknown>): Promise<Page<BatchView>> {
    return this.batches.list({ ...parsePaging(query), phase: parsePhase(query['phase']) });
  }

  @Get(':batchId')
  get(@Param('batchId', BatchId()) batchId: string): Promise<BatchView> {
    return this.batches.get(batchId);
  }

  @Get(':batchId/records')
  records(
    @Param('batchId', BatchId()) batchId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<RecordView>> {
    const { offset, limit } = parsePaging(query);
    return this.batches.records(batchId, offset, limit);
  }

  @Get(':batchId/errors')
  errors(
    @Param('batchId', BatchId()) batchId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<ParseErrorView>> {
    const { offset, limit } = parsePaging(query);
    return this.batches.errors(batchId, offset, limit);
  }

  @Post(':batchId/approve')
  @HttpCode(200)
  approve(@Param('batchId', BatchId()) batchId: string, @Body() body: unknown): Promise<BatchView> {
    return this.batches.approve(batchId, body);
  }

  @Post(':batchId/cancel')
  @HttpCode(200)
  cancel(@Param('batchId', BatchId()) batchId: string): Promise<BatchView> {
    return this.batches.cancel(batchId);
  }
}
