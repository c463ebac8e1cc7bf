import { Context } from '@temporalio/activity';

import { BatchRepository, DeliveryRepository } from '@sluice/persistence';
import type { BatchActivities } from '@sluice/workflows';

import type { ChunkSender } from '../delivery/chunk-sender';
import type { BatchParser, ParseCheckpoint } from '../parsing/batch-parser';

export interface BatchActivityDeps {
  batches: BatchRepository;
  deliveries: DeliveryRepository;
  parser: BatchParser;
  chunkSender: ChunkSender;
}

/** Binds the batch workflow's activities to their services. */
export function createBatchActivities(deps: BatchActivityDeps): BatchActivities {
  return {
    async recordBatchPhase({ batchId, phase, reason }) {
      await deps.batches.recordPhase(batchId, phase, reason);
    },

    async parseBatchFile({ batchId }) {
      const context = Context.current();
      const checkpoint = context.info.heartbeatDetails as ParseCheckpoint | undefined;

      return deps.parser.parseBatchFile(batchId, {
        checkpoint,
        heartbeat: (details) => context.heartbeat(details),
        signal: context.cancellationSignal,
      });
    },

    async prepareDeliveries({ batchId, endpointConfigId }) {
      await deps.batches.attachEndpointConfig(batchId, endpointConfigId);
      await deps.deliveries.createForBatch(batchId);
    },

    async deliverChunk(input) {
      const context = Context.current();

      return deps.chunkSender.deliverChunk(input, {
        heartbeat: (details) => context.heartbeat(details),
        signal: context.cancellationSignal,
      });
    },

    async countOutcomes({ batchId }) {
      const batch = await deps.batches.findById(batchId);
      const byStatus = await deps.deliveries.countByStatus(batchId);
      const recordCount = batch?.recordCount ?? 0;

      return {
        recordCount,
        succeeded: byStatus.succeeded,
        failed: byStatus.failed,
        pending: recordCount - byStatus.succeeded - byStatus.failed,
      };
    },
  };
}
