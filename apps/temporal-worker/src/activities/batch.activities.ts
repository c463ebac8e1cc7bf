import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';

import {
  BatchRepository,
  DeliveryRepository,
  EndpointConfigRepository,
  RateBucketRepository,
} from '@sluice/persistence';
import { AUTO_PAUSE_REASON_PREFIX } from '@sluice/shared';
import type { BatchActivities } from '@sluice/workflows';

import type { ChunkSender } from '../delivery/chunk-sender';
import type { WorkerMetrics } from '../metrics/worker-metrics';
import type { BatchParser, ParseCheckpoint } from '../parsing/batch-parser';

export interface BatchActivityDeps {
  batches: BatchRepository;
  deliveries: DeliveryRepository;
  endpointConfigs: EndpointConfigRepository;
  rateBuckets: RateBucketRepository;
  parser: BatchParser;
  chunkSender: ChunkSender;
  /** Records per chunk when a batch's ranges are planned. */
  chunkSize: number;
  metrics: WorkerMetrics;
}

/** Binds the batch workflow's activities to their services. */
export function createBatchActivities(deps: BatchActivityDeps): BatchActivities {
  return {
    async recordBatchPhase({ batchId, phase, reason }) {
      await deps.batches.recordPhase(batchId, phase, reason);
      if (phase === 'paused' && reason?.startsWith(AUTO_PAUSE_REASON_PREFIX)) {
        deps.metrics.autoPaused();
      }
    },

    async parseBatchFile({ batchId, format }) {
      const context = Context.current();
      const checkpoint = context.info.heartbeatDetails as ParseCheckpoint | undefined;
      // Each heartbeat follows a committed write; counting from the resumed checkpoint means a
      // retried parse does not count the records an earlier attempt already stored.
      let storedSeq = checkpoint?.seq ?? 0;

      return deps.parser.parseBatchFile(batchId, format ?? {}, {
        checkpoint,
        heartbeat: (details) => {
          deps.metrics.recordsStored(details.seq - storedSeq);
          storedSeq = details.seq;
          context.heartbeat(details);
        },
        signal: context.cancellationSignal,
      });
    },

    checkFileFormat: ({ batchId, format }) => deps.parser.checkFormat(batchId, format ?? {}),

    // Deliveries are created by each chunk for its own range, as it starts (ChunkSender).
    async prepareDeliveries({ batchId, endpointConfigId }) {
      await deps.batches.attachEndpointConfig(batchId, endpointConfigId);
      await deps.rateBuckets.ensure(batchId);
    },

    planRanges: ({ batchId }) => deps.deliveries.openRanges(batchId, deps.chunkSize),

    async setLiveControl({ batchId, settings, control }) {
      await deps.batches.setLiveControl(batchId, { ...settings, control });
    },

    async deliverChunk(input) {
      const context = Context.current();

      return deps.chunkSender.deliverChunk(input, {
        heartbeat: (details) => context.heartbeat(details),
        signal: context.cancellationSignal,
      });
    },

    async reopenFailed({ batchId, passNumber, errorCodes }) {
      const batch = await deps.batches.findById(batchId);
      const config = batch?.endpointConfigId
        ? await deps.endpointConfigs.findById(batch.endpointConfigId)
        : null;
      if (!batch || !config) {
        throw ApplicationFailure.nonRetryable(
          'The batch was never approved',
          'ENDPOINT_CONFIG_MISSING',
        );
      }
      const reopened = await deps.deliveries.reopenFailed(batchId, passNumber, errorCodes);
      await deps.rateBuckets.ensure(batchId);
      const live = await deps.batches.readLiveControl(batchId);
      // The live rate and concurrency an operator last chose carry over to the retry pass.
      const settings = live ? { ...config.settings, ...pickLive(live) } : config.settings;

      return { endpointConfigId: config.id, settings, recordCount: batch.recordCount, reopened };
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

function pickLive(live: { ratePerSecond: number; concurrency: number; recordsPerRequest: number }) {
  const { ratePerSecond, concurrency, recordsPerRequest } = live;

  return { ratePerSecond, concurrency, recordsPerRequest };
}
