import { Controller, Get, Inject } from '@nestjs/common';

import { TokenGuarded } from '../api-docs/doc-decorators';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

/** What the API accepts, so the console can say it before an upload is refused. */
@TokenGuarded('batches')
@Controller('api/limits')
export class LimitsController {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  @Get()
  get(): { maxUploadBytes: number } {
    return { maxUploadBytes: this.config.maxUploadBytes };
  }
}
