import { Module } from '@nestjs/common';

import { MetricsModule } from '../metrics/metrics.module';
import { TemporalModule } from '../temporal/temporal.module';
import { BatchListService } from './batch-list.service';
import { BatchProgressRepository } from './batch-progress.repository';
import { BatchProgressService } from './batch-progress.service';
import { BatchSnapshotService } from './batch-snapshot.service';
import { BatchesGateway } from './batches.gateway';
import { ControlStateClient } from './control-state.client';

/** Live progress: the Socket.IO gateway and the snapshots it shares with `GET :batchId`. */
@Module({
  imports: [TemporalModule, MetricsModule],
  providers: [
    BatchesGateway,
    BatchProgressService,
    BatchListService,
    BatchSnapshotService,
    BatchProgressRepository,
    ControlStateClient,
  ],
  exports: [BatchSnapshotService],
})
export class RealtimeModule {}
