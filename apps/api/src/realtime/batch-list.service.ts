import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Namespace, Socket } from 'socket.io';

import type { BatchEntity } from '@sluice/persistence';
import {
  BATCH_LIST_ROOM,
  type ActiveBatchList,
  type BatchSummary,
  type ListSubscribeAnswer,
} from '@sluice/shared';

import { toBatchView } from '../batches/batch-view.mapper';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { BatchProgressRepository } from './batch-progress.repository';
import { refusal, type Reply } from './realtime-answers';
import { SerialQueue } from './serial-queue';

/** The dashboard shows this many active batches; `total` says how many there are. */
const LIST_LIMIT = 100;
/** One list read a second while anyone watches the dashboard. */
const LIST_TICK_MS = 1_000;

/** The dashboard's list of active batches, read and pushed only while its room has members. */
@Injectable()
export class BatchListService implements OnApplicationShutdown {
  private readonly queue = new SerialQueue();
  private server: Namespace | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private latest: ActiveBatchList | null = null;
  private latestAtMs = Number.NEGATIVE_INFINITY;
  private pushedJson = '';
  private pendingJoinCount = 0;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly rows: BatchProgressRepository,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(BatchListService.name);
  }

  attach(server: Namespace): void {
    this.server = server;
    server.adapter.on('delete-room', (room: string) => {
      if (room === BATCH_LIST_ROOM) this.stopIfUnwatched();
    });
  }

  async subscribe(socket: Socket, reply: Reply<ListSubscribeAnswer>): Promise<void> {
    this.pendingJoinCount += 1;
    this.timer ??= setInterval(() => void this.tick(), LIST_TICK_MS);
    try {
      await this.queue.run(async () => {
        if (!this.latest || Date.now() - this.latestAtMs >= LIST_TICK_MS) await this.refresh();
        if (socket.connected) void socket.join(BATCH_LIST_ROOM);
        reply({ ok: true, list: this.latest as ActiveBatchList });
      });
    } catch (error) {
      this.logger.error({ err: error }, 'Batch list subscription failed');
      reply(refusal('INTERNAL', 'The batch list could not be read; try again'));
    } finally {
      this.pendingJoinCount -= 1;
      this.stopIfUnwatched();
    }
  }

  unsubscribe(socket: Socket): void {
    void socket.leave(BATCH_LIST_ROOM);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    try {
      await this.queue.run(() => this.refresh());
    } catch (error) {
      this.logger.warn({ err: error }, 'Batch list read failed');
    }
  }

  private async refresh(): Promise<void> {
    const { items, total } = await this.rows.listActive(LIST_LIMIT);
    const list = { items: items.map((batch) => this.summarize(batch)), total };
    this.latest = list;
    this.latestAtMs = Date.now();
    const json = JSON.stringify(list);
    if (json === this.pushedJson) return;
    this.server?.to(BATCH_LIST_ROOM).emit('batch_list.updated', list);
    this.pushedJson = json;
  }

  private summarize(batch: BatchEntity): BatchSummary {
    const links = { uiUrl: this.config.temporalUiUrl, namespace: this.config.temporalNamespace };
    const { id, fileName, phase, reason, counts, updatedAt } = toBatchView(batch, null, links);

    return { id, fileName, phase, reason, counts, updatedAt };
  }

  private stopIfUnwatched(): void {
    const members = this.server?.adapter.rooms.get(BATCH_LIST_ROOM)?.size ?? 0;
    if (this.pendingJoinCount > 0 || members > 0) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.latest = null;
    this.pushedJson = '';
  }
}
