import { Module } from '@nestjs/common';

import { ApiMetricsRegistry } from './api-metrics';
import { BatchPhaseMetrics } from './batch-phase-metrics';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';

/** `/metrics`: batches by phase from PostgreSQL, HTTP requests, and the process's own. */
@Module({
  providers: [ApiMetricsRegistry, BatchPhaseMetrics, HttpMetrics],
  controllers: [MetricsController],
  exports: [HttpMetrics],
})
export class MetricsModule {}
