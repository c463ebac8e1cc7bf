import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

import { Public } from '../common/auth/public.decorator';
import { TEMPORAL_PROBE_CONNECTION } from '../temporal/temporal.module';

const PROBE_TIMEOUT_MS = 2_000;

/** Liveness for the process, readiness for its dependencies: PostgreSQL and Temporal. */
@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_PROBE_CONNECTION) private readonly temporal: Connection,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const [postgres, temporal] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() =>
        this.temporal.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () =>
          this.temporal.workflowService.getSystemInfo({}),
        ),
      ),
    ]);
    const checks = { postgres, temporal };
    const isReady = postgres === 'up' && temporal === 'up';
    response.status(isReady ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);

    return { status: isReady ? 'ok' : 'unavailable', checks };
  }
}

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
      }),
    ]);
    return 'up';
  } catch {
    // Any failure, including a timeout, means the dependency cannot serve us right now.
    return 'down';
  } finally {
    // A probe every few seconds would otherwise leave a 2 s timer behind each time.
    clearTimeout(timer);
  }
}
