import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { rm } from 'node:fs/promises';
import { isIP } from 'node:net';

import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';

import { generateWebhookSecret, OutboundGuard, OutboundRefusedError } from '@sluice/outbound';

import {
  BatchRepository,
  EndpointConfigRepository,
  ParseErrorRepository,
  RecordRepository,
  storageKeyFor,
  uploadPath,
  type BatchEntity,
  type EndpointConfigEntity,
} from '@sluice/persistence';
import {
  NotFoundError,
  validateEndpointConfig,
  validateReparseRequest,
  ValidationError,
  type BatchPhase,
  type ApprovalView,
  type BatchView,
  type Page,
  type ParseErrorView,
  type RecordView,
  type ReparseRequest,
} from '@sluice/shared';

import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { BatchWorkflowClient } from '../temporal/batch-workflow.client';
import { toBatchView } from './batch-view.mapper';
import { receiveUpload } from './upload/upload-receiver';

/** Decisions about batches; storage and Temporal calls go through their clients. */
@Injectable()
export class BatchesService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly batches: BatchRepository,
    private readonly recordStore: RecordRepository,
    private readonly parseErrors: ParseErrorRepository,
    private readonly endpointConfigs: EndpointConfigRepository,
    private readonly workflows: BatchWorkflowClient,
    private readonly guard: OutboundGuard,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(BatchesService.name);
  }

  /** Stores the uploaded file, creates the batch and starts its workflow. */
  async upload(request: IncomingMessage): Promise<BatchView> {
    const batchId = randomUUID();
    const storageKey = storageKeyFor(batchId);
    const path = uploadPath(this.config.dataDir, storageKey);
    const upload = await receiveUpload(request, path, this.config.maxUploadBytes);
    const batch = await this.batches.create({
      id: batchId,
      fileName: upload.fileName,
      fileSizeBytes: upload.sizeBytes,
      storageKey,
    });
    try {
      await this.workflows.start(batchId);
    } catch (error) {
      await this.batches.recordPhase(batchId, 'failed', 'Processing could not be started');
      await rm(path, { force: true });
      throw error;
    }
    this.logger.info({ batchId, sizeBytes: upload.sizeBytes }, 'Batch accepted');

    return this.view(batch);
  }

  async list(query: {
    offset: number;
    limit: number;
    phase?: BatchPhase;
  }): Promise<Page<BatchView>> {
    const { items, total } = await this.batches.list(query);
    // One query for the page's endpoint configs rather than one per batch.
    const configIds = items.flatMap((batch) => batch.endpointConfigId ?? []);
    const configs = new Map(
      (await this.endpointConfigs.findByIds(configIds)).map((config) => [config.id, config]),
    );
    const views = items.map((batch) =>
      this.toView(batch, configs.get(batch.endpointConfigId ?? '') ?? null),
    );

    return { items: views, total, offset: query.offset, limit: query.limit };
  }

  async get(batchId: string): Promise<BatchView> {
    return this.view(await this.find(batchId));
  }

  async records(batchId: string, offset: number, limit: number): Promise<Page<RecordView>> {
    const batch = await this.find(batchId);
    const columns = batch.format?.columns ?? [];
    const stored = await this.recordStore.page(batchId, offset, limit);
    const items = stored.map((record) => ({
      seq: record.seq,
      lineNumber: record.lineNumber,
      values: Object.fromEntries(columns.map((column, index) => [column, record.fields[index]])),
    }));

    return { items, total: batch.recordCount, offset, limit };
  }

  async errors(batchId: string, offset: number, limit: number): Promise<Page<ParseErrorView>> {
    await this.find(batchId);
    const { items, total } = await this.parseErrors.page(batchId, offset, limit);
    const views = items.map(({ lineNumber, columnNumber, code, message }) => ({
      lineNumber,
      columnNumber,
      code,
      message,
    }));

    return { items: views, total, offset, limit };
  }

  /**
   * Stores the endpoint config, then asks the workflow to approve; the workflow's validator
   * refuses synchronously when the batch is not awaiting approval. The signing secret is
   * answered this once and never again.
   */
  async approve(batchId: string, body: unknown): Promise<ApprovalView> {
    const { value: endpoint, issues } = validateEndpointConfig(body);
    if (!endpoint) throw new ValidationError('The endpoint config is invalid', issues);
    await this.refuseGuardedTarget(endpoint.url);
    await this.find(batchId);
    const secret = endpoint.secret ?? generateWebhookSecret();
    const stored = await this.endpointConfigs.create(batchId, { ...endpoint, secret });
    const { url: _url, headers: _headers, secret: _secret, ...settings } = endpoint;
    try {
      await this.workflows.approve(batchId, { endpointConfigId: stored.id, settings });
    } catch (error) {
      await this.endpointConfigs.delete(stored.id);
      throw error;
    }
    this.logger.info({ batchId, ratePerSecond: settings.ratePerSecond }, 'Batch approved');

    return { ...(await this.get(batchId)), secret };
  }

  /**
   * Refuses at approval a target whose host is an address the outbound guard refuses. Names
   * are judged at every connection instead, on the address DNS gives then.
   */
  private async refuseGuardedTarget(url: string): Promise<void> {
    const { hostname, port, protocol } = new URL(url);
    const host = hostname.replace(/^\[(.*)\]$/, '$1');
    if (!isIP(host)) return;
    try {
      await this.guard.resolve(host, Number(port) || (protocol === 'https:' ? 443 : 80));
    } catch (error) {
      if (!(error instanceof OutboundRefusedError)) throw error;
      throw new ValidationError('The endpoint is not allowed', [
        { field: 'url', message: 'Resolves to a private or loopback address Sluice refuses' },
      ]);
    }
  }

  /**
   * Re-reads the file with another encoding and/or delimiter while the batch awaits approval;
   * a value left out keeps the current one. Answers once the re-read has begun (phase
   * `parsing`); 400 when the file cannot be read that way, 409 out of phase.
   */
  async reparse(batchId: string, body: unknown): Promise<BatchView> {
    const issues = validateReparseRequest(body);
    if (issues.length > 0) throw new ValidationError('The reading options are invalid', issues);
    const request = body as ReparseRequest;
    const batch = await this.find(batchId);
    await this.workflows.reparse(batchId, {
      encoding: request.encoding ?? batch.format?.encoding,
      delimiter: request.delimiter ?? batch.format?.delimiter,
    });
    this.logger.info({ batchId, ...request }, 'Batch re-read requested');

    return this.get(batchId);
  }

  async cancel(batchId: string): Promise<BatchView> {
    await this.find(batchId);
    await this.workflows.cancel(batchId);
    this.logger.info({ batchId }, 'Batch cancelled');

    return this.get(batchId);
  }

  async find(batchId: string): Promise<BatchEntity> {
    const batch = await this.batches.findById(batchId);
    if (!batch) throw new NotFoundError(`Batch ${batchId} does not exist`);

    return batch;
  }

  private async view(batch: BatchEntity): Promise<BatchView> {
    const endpoint = batch.endpointConfigId
      ? await this.endpointConfigs.findById(batch.endpointConfigId)
      : null;

    return this.toView(batch, endpoint);
  }

  private toView(batch: BatchEntity, endpoint: EndpointConfigEntity | null): BatchView {
    return toBatchView(batch, endpoint, {
      uiUrl: this.config.temporalUiUrl,
      namespace: this.config.temporalNamespace,
    });
  }
}
