import { Module } from '@nestjs/common';

import { TemporalModule } from '../temporal/temporal.module';
import { BatchesController } from './batches.controller';
import { BatchControlsService } from './batch-controls.service';
import { BatchesService } from './batches.service';
import { TestRequestService } from './test-request.service';

@Module({
  imports: [TemporalModule],
  controllers: [BatchesController],
  providers: [BatchesService, BatchControlsService, TestRequestService],
  exports: [BatchesService],
})
export class BatchesModule {}
