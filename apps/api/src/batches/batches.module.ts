import { Module } from '@nestjs/common';

import { TemporalModule } from '../temporal/temporal.module';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';

@Module({
  imports: [TemporalModule],
  controllers: [BatchesController],
  providers: [BatchesService],
})
export class BatchesModule {}
