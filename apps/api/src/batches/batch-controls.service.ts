import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';

import { BatchRepository, DeliveryRepository } from '@sluice/persistence';
import {
  ConflictError,
  isTerminalPhase,
  ValidationError,
  type BatchConfigPatch,
  type BatchView,
} from '@sluice/shared';

import { BatchWorkflowClient } from '../temporal/batch-workflow.client';
import { BatchesService } from './batches.service';

const PASS_START_WAIT_MS = 10_000;

/** Operator commands on a batch that is sending or has ended; each answers synchronously. */
@Injectable()
export class BatchControlsService {
  constructor(
    private readonly batchesService: BatchesService,
    private readonly batches: BatchRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly workflows: BatchWorkflowClient,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(BatchControlsService.name);
  }

  async pause(batchId: string): Promise<BatchView> {
    await this.batchesService.find(batchId);
    await this.workflows.pause(batchId);
    this.logger.info({ batchId }, 'Batch paused');

    return this.batchesService.get(batchId);
  }

  async resume(batchId: string): Promise<BatchView> {
    await this.batchesService.find(batchId);
    await this.workflows.resume(batchId);
    this.logger.info({ batchId }, 'Batch resumed');

    return this.batchesService.get(batchId);
  }

  async reconfigure(batchId: string, patch: unknown): Promise<BatchView> {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw new ValidationError('The config change must be a JSON object');
    }
    await this.batchesService.find(batchId);
    await this.workflows.reconfigure(batchId, patch as BatchConfigPatch);
    this.logger.info({ batchId, fields: Object.keys(patch) }, 'Batch reconfigured');

    return this.batchesService.get(batchId);
  }

  /**
   * Starts a retry pass over failed deliveries as a new run of the batch's workflow; their
   * webhook ids stay the same. Refused while the batch runs or when nothing matches.
   */
  async retryFailed(batchId: string, body: unknown): Promise<BatchView> {
    const errorCodes = parseErrorCodes(body);
    const batch = await this.batchesService.find(batchId);
    if (!isTerminalPhase(batch.phase) || !batch.endpointConfigId) {
      throw new ConflictError(`Refused because the batch is ${batch.phase.replace(/_/g, ' ')}`);
    }
    const failed = await this.deliveries.page({ batchId, status: 'failed', offset: 0, limit: 1 });
    const matching = errorCodes
      ? failed.total > 0 && (await this.countFailedWith(batchId, errorCodes)) > 0
      : failed.total > 0;
    if (!matching) throw new ConflictError('Refused because no failed delivery matches');
    const passNumber = batch.passNumber + 1;
    const startedAt = Date.now();
    await this.workflows.startRetryPass(batchId, { passNumber, errorCodes });
    this.logger.info({ batchId, passNumber }, 'Retry pass started');

    return this.waitForPass(batchId, passNumber, startedAt);
  }

  /** Answers once the new pass shows in PostgreSQL, so the caller sees it sending (or done). */
  private async waitForPass(batchId: string, passNumber: number, startedAt: number) {
    const deadline = Date.now() + PASS_START_WAIT_MS;
    for (;;) {
      const view = await this.batchesService.get(batchId);
      const isRunningPass = view.phase === 'sending' || view.phase === 'paused';
      const isFinishedPass =
        isTerminalPhase(view.phase) && Date.parse(view.completedAt ?? '') >= startedAt;
      const isPassStored = (await this.batches.findById(batchId))?.passNumber === passNumber;
      if ((isPassStored && (isRunningPass || isFinishedPass)) || Date.now() > deadline) {
        return view;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async countFailedWith(batchId: string, errorCodes: string[]): Promise<number> {
    const counts = await this.deliveries.countFailedByErrorCode(batchId);

    return errorCodes.reduce((sum, code) => sum + (counts[code] ?? 0), 0);
  }
}

function parseErrorCodes(body: unknown): string[] | null {
  const codes = (body as { errorCodes?: unknown } | null)?.errorCodes;
  if (codes === undefined || codes === null) return null;
  if (!Array.isArray(codes) || codes.length === 0 || !codes.every((c) => typeof c === 'string')) {
    throw new ValidationError('The retry request is invalid', [
      { field: 'errorCodes', message: 'Must be a non-empty list of error codes' },
    ]);
  }

  return codes as string[];
}
