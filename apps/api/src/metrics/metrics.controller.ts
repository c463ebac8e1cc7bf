import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiMetricsRegistry } from './api-metrics';
import { MetricsRoute } from './metrics-route.decorator';

/** Prometheus text format of the API's metrics. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: ApiMetricsRegistry) {}

  @Get()
  @MetricsRoute()
  async metrics(@Res() response: Response): Promise<void> {
    const text = await this.registry.metrics();
    response.type(this.registry.contentType).send(text);
  }
}
