import { Module } from '@nestjs/common';

import { RealtimeModule } from '../realtime/realtime.module';
import { TemporalModule } from '../temporal/temporal.module';
import { BatchesController } from './batches.controller';
import { BatchControlsService } from './batch-controls.service';
import { BatchesService } from './batches.service';
import { LimitsController } from './limits.controller';
import { TestRequestService } from './test-request.service';

@Module({
  imports: [TemporalModule, RealtimeModule],
  controllers: [BatchesController, LimitsController],
  providers: [BatchesService, BatchControlsService, TestRequestService],
  exports: [BatchesService],
})
export class BatchesModule {}
