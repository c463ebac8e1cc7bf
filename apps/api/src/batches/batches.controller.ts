import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import type {
  ApprovalView,
  BatchView,
  Page,
  ParseErrorView,
  RecordView,
  TestRequestView,
} from '@sluice/shared';

import { PagedQuery, PhaseQuery, TokenGuarded } from '../api-docs/doc-decorators';
import {
  ENDPOINT_CONFIG_SCHEMA,
  LIVE_SETTINGS_SCHEMA,
  RETRY_FAILED_SCHEMA,
  UPLOAD_SCHEMA,
} from '../api-docs/request-schemas';
import { BatchSnapshotService } from '../realtime/batch-snapshot.service';
import { BatchControlsService } from './batch-controls.service';
import { BatchesService } from './batches.service';
import { sendTagged } from './entity-tag';
import { TestRequestService } from './test-request.service';
import { parsePaging, parsePhase } from './paging';

const BatchId = () => new ParseUUIDPipe({ version: '4' });

@TokenGuarded('batches')
@Controller('api/batches')
export class BatchesController {
  constructor(
    private readonly batches: BatchesService,
    private readonly controls: BatchControlsService,
    private readonly testRequests: TestRequestService,
    private readonly snapshots: BatchSnapshotService,
  ) {}

  /** Multipart upload, field `file`; the body is streamed, so no body parser runs here. */
  @Post()
  @ApiOperation({ summary: 'Upload a CSV file and start its batch' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_SCHEMA })
  upload(@Req() request: Request): Promise<BatchView> {
    return this.batches.upload(request);
  }

  @Get()
  @ApiOperation({ summary: 'List batches, newest first' })
  @PagedQuery()
  @PhaseQuery()
  list(@Query() query: Record<string, unknown>): Promise<Page<BatchView>> {
    return this.batches.list({ ...parsePaging(query), phase: parsePhase(query['phase']) });
  }

  /** The batch with its live progress, as sockets push it; answers 304 when unchanged. */
  @Get(':batchId')
  @ApiOperation({ summary: 'A batch with its live progress; 304 on a matching ETag' })
  async get(
    @Param('batchId', BatchId()) batchId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    sendTagged(request, response, await this.snapshots.get(batchId));
  }

  @Get(':batchId/records')
  @ApiOperation({ summary: 'Parsed records, keyed by the CSV header' })
  @PagedQuery()
  records(
    @Param('batchId', BatchId()) batchId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<RecordView>> {
    const { offset, limit } = parsePaging(query);
    return this.batches.records(batchId, offset, limit);
  }

  @Get(':batchId/errors')
  @ApiOperation({ summary: 'Parse errors by line and column' })
  @PagedQuery()
  errors(
    @Param('batchId', BatchId()) batchId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<ParseErrorView>> {
    const { offset, limit } = parsePaging(query);
    return this.batches.errors(batchId, offset, limit);
  }

  @Post(':batchId/approve')
  @ApiOperation({ summary: 'Approve the batch for an endpoint; answers the secret once' })
  @ApiBody({ schema: ENDPOINT_CONFIG_SCHEMA })
  @HttpCode(200)
  approve(
    @Param('batchId', BatchId()) batchId: string,
    @Body() body: unknown,
  ): Promise<ApprovalView> {
    return this.batches.approve(batchId, body);
  }

  @Post(':batchId/reparse')
  @HttpCode(200)
  reparse(@Param('batchId', BatchId()) batchId: string, @Body() body: unknown): Promise<BatchView> {
    return this.batches.reparse(batchId, body);
  }

  @Post(':batchId/test-request')
  @ApiOperation({ summary: 'Send the first record once to a candidate endpoint' })
  @ApiBody({ schema: ENDPOINT_CONFIG_SCHEMA })
  @HttpCode(200)
  testRequest(
    @Param('batchId', BatchId()) batchId: string,
    @Body() body: unknown,
  ): Promise<TestRequestView> {
    return this.testRequests.send(batchId, body);
  }

  @Post(':batchId/pause')
  @ApiOperation({ summary: 'Pause sending' })
  @HttpCode(200)
  pause(@Param('batchId', BatchId()) batchId: string): Promise<BatchView> {
    return this.controls.pause(batchId);
  }

  @Post(':batchId/resume')
  @ApiOperation({ summary: 'Resume a paused batch' })
  @HttpCode(200)
  resume(@Param('batchId', BatchId()) batchId: string): Promise<BatchView> {
    return this.controls.resume(batchId);
  }

  @Patch(':batchId/config')
  @ApiOperation({ summary: 'Change the rate, concurrency or grouping of a running batch' })
  @ApiBody({ schema: LIVE_SETTINGS_SCHEMA })
  reconfigure(
    @Param('batchId', BatchId()) batchId: string,
    @Body() body: unknown,
  ): Promise<BatchView> {
    return this.controls.reconfigure(batchId, body);
  }

  @Post(':batchId/retry-failed')
  @ApiOperation({ summary: 'Start a new pass over failed deliveries' })
  @ApiBody({ schema: RETRY_FAILED_SCHEMA, required: false })
  @HttpCode(200)
  retryFailed(
    @Param('batchId', BatchId()) batchId: string,
    @Body() body: unknown,
  ): Promise<BatchView> {
    return this.controls.retryFailed(batchId, body);
  }

  @Post(':batchId/cancel')
  @ApiOperation({ summary: 'Discard or stop the batch' })
  @HttpCode(200)
  cancel(@Param('batchId', BatchId()) batchId: string): Promise<BatchView> {
    return this.batches.cancel(batchId);
  }
}
