import { Readable } from 'node:stream';

import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';

import { BatchRepository, DeliveryRepository, type DeliveryRow } from '@sluice/persistence';
import {
  NotFoundError,
  type DeliveryDetailView,
  type DeliveryStatus,
  type DeliveryView,
  type Page,
} from '@sluice/shared';

import { escapeFormula } from './csv-formula';

const EXPORT_PAGE_SIZE = 1_000;

/** Deliveries, their attempts, and the export of failed records. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly batches: BatchRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async list(
    batchId: string,
    status: DeliveryStatus | undefined,
    paging: { offset: number; limit: number },
  ): Promise<Page<DeliveryView>> {
    await this.findBatch(batchId);
    const { items, total } = await this.deliveries.page({ batchId, status, ...paging });

    return { items: items.map(toDeliveryView), total, ...paging };
  }

  async get(deliveryId: string): Promise<DeliveryDetailView> {
    const found = await this.deliveries.findWithAttempts(deliveryId);
    if (!found) throw new NotFoundError(`Delivery ${deliveryId} does not exist`);

    return {
      ...toDeliveryView(found.delivery),
      batchId: found.delivery.batchId,
      lastErrorMessage: found.delivery.lastErrorMessage,
      attempts: found.attempts.map((attempt) => ({
        attemptNumber: attempt.attemptNumber,
        startedAt: attempt.startedAt.toISOString(),
        durationMs: attempt.durationMs,
        statusCode: attempt.statusCode,
        errorCode: attempt.errorCode,
        responseExcerpt: attempt.responseExcerpt,
      })),
    };
  }

  /** Streams the failed records page by page, so a large export never sits in memory. */
  async failedCsv(batchId: string): Promise<Readable> {
    const batch = await this.findBatch(batchId);
    const columns = batch.format?.columns ?? [];
    const header = [...columns, 'line_number', 'status', 'attempts', 'last_error'];
    const deliveries = this.deliveries;
    async function* rows() {
      yield header.map(escapeFormula);
      for (let afterSeq = 0; ;) {
        const page = await deliveries.failedAfter(batchId, afterSeq, EXPORT_PAGE_SIZE);
        for (const row of page) {
          const last = row.lastErrorMessage ?? row.lastErrorCode ?? '';
          const values = [
            ...row.fields,
            String(row.lineNumber),
            row.status,
            String(row.attemptCount),
            last,
          ];
          yield values.map(escapeFormula);
        }
        if (page.length < EXPORT_PAGE_SIZE) return;
        afterSeq = page[page.length - 1].recordSeq;
      }
    }

    return Readable.from(rows()).pipe(stringify());
  }

  private async findBatch(batchId: string) {
    const batch = await this.batches.findById(batchId);
    if (!batch) throw new NotFoundError(`Batch ${batchId} does not exist`);

    return batch;
  }
}

function toDeliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    recordSeq: row.recordSeq,
    lineNumber: row.lineNumber,
    status: row.status,
    attemptCount: row.attemptCount,
    lastStatusCode: row.lastStatusCode,
    lastErrorCode: row.lastErrorCode,
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
