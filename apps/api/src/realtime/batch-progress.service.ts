import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Namespace, Socket } from 'socket.io';

import { batchRoom, type BatchSubscribeAnswer } from '@sluice/shared';

import { RealtimeMetrics } from '../metrics/realtime-metrics';
import { BatchSnapshotService } from './batch-snapshot.service';
import { BatchWatch } from './batch-watch';
import { refusal, type Reply } from './realtime-answers';

const BATCH_ROOM = /^batch:(.+)$/;

/**
 * Subscriptions to single batches: one watch per batch whose room has members, none for a
 * batch no one watches. The room's last member leaving (unsubscribe or disconnect) stops it.
 */
@Injectable()
export class BatchProgressService implements OnApplicationShutdown {
  private readonly watches = new Map<string, BatchWatch>();
  private server: Namespace | null = null;

  constructor(
    private readonly snapshots: BatchSnapshotService,
    private readonly metrics: RealtimeMetrics,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(BatchProgressService.name);
  }

  attach(server: Namespace): void {
    this.server = server;
    this.metrics.countWith({
      sockets: () => server.sockets.size,
      watchedBatches: () => this.watches.size,
    });
    server.adapter.on('delete-room', (room: string) => {
      const batchId = BATCH_ROOM.exec(room)?.[1];
      if (batchId) this.stopIfUnwatched(batchId);
    });
  }

  /** Acknowledges with the current snapshot, then the socket receives the batch's events. */
  async subscribe(socket: Socket, batchId: string, reply: Reply<BatchSubscribeAnswer>) {
    const watch = this.watchOf(batchId);
    try {
      await watch.join((snapshot) => {
        if (!snapshot) return reply(refusal('NOT_FOUND', `Batch ${batchId} does not exist`));
        // A socket that closed while its snapshot was read must not be put back in a room.
        if (socket.connected) void socket.join(batchRoom(batchId));
        reply({ ok: true, snapshot });
      });
    } catch (error) {
      this.logger.error({ err: error, batchId }, 'Batch subscription failed');
      reply(refusal('INTERNAL', 'The batch could not be read; try again'));
    } finally {
      this.stopIfUnwatched(batchId);
    }
  }

  unsubscribe(socket: Socket, batchId: string): void {
    void socket.leave(batchRoom(batchId));
  }

  onApplicationShutdown(): void {
    for (const watch of this.watches.values()) watch.stop();
    this.watches.clear();
  }

  private watchOf(batchId: string): BatchWatch {
    const existing = this.watches.get(batchId);
    if (existing) return existing;
    const room = batchRoom(batchId);
    const watch = new BatchWatch(
      batchId,
      (id, floor) => {
        this.metrics.watchReads.inc();
        return this.snapshots.read(id, floor);
      },
      (event, ...payload) => {
        this.metrics.roomEvents.inc({ event });
        this.server?.to(room).emit(event, ...payload);
      },
      () => this.server?.adapter.rooms.get(room)?.size ?? 0,
      this.logger,
    );
    this.watches.set(batchId, watch);
    watch.start();

    return watch;
  }

  private stopIfUnwatched(batchId: string): void {
    const watch = this.watches.get(batchId);
    const members = this.server?.adapter.rooms.get(batchRoom(batchId))?.size ?? 0;
    if (!watch || watch.hasPendingJoins || members > 0) return;
    watch.stop();
    this.watches.delete(batchId);
  }
}
