import { Module } from '@nestjs/common';

import { ApiMetricsRegistry } from './api-metrics';
import { BatchPhaseMetrics } from './batch-phase-metrics';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { RealtimeMetrics } from './realtime-metrics';

/**
 * `/metrics`: batches by phase from PostgreSQL, HTTP requests, live progress, and the process's
 * own figures.
 */
@Module({
  providers: [ApiMetricsRegistry, BatchPhaseMetrics, HttpMetrics, RealtimeMetrics],
  controllers: [MetricsController],
  exports: [HttpMetrics, RealtimeMetrics],
})
export class MetricsModule {}
