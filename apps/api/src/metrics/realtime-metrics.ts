import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';

import { ApiMetricsRegistry } from './api-metrics';

/** What the gateway holds now, counted at each scrape rather than tracked as it changes. */
export interface RealtimeCounts {
  sockets(): number;
  watchedBatches(): number;
}

/**
 * What live progress costs this API process: open sockets, batches followed because someone
 * watches them, the snapshot reads those watches make, and the events sent to their rooms.
 */
@Injectable()
export class RealtimeMetrics {
  readonly watchedBatches: Gauge;
  readonly watchReads: Counter;
  readonly roomEvents: Counter<'event'>;
  readonly socketConnections: Gauge;
  private counts: RealtimeCounts = { sockets: () => 0, watchedBatches: () => 0 };

  constructor(registry: ApiMetricsRegistry) {
    const counts = () => this.counts;
    this.watchedBatches = new Gauge({
      name: 'sluice_api_watched_batches',
      help: 'Batches whose progress the API follows because a subscriber watches them',
      registers: [registry],
      collect() {
        this.set(counts().watchedBatches());
      },
    });
    this.watchReads = new Counter({
      name: 'sluice_api_watch_reads_total',
      help: 'Snapshot reads made for watched batches (PostgreSQL, and a cached workflow Query)',
      registers: [registry],
    });
    this.roomEvents = new Counter({
      name: 'sluice_api_room_events_total',
      help: "Events sent to a batch's room, by name; each reaches every subscriber of the room",
      labelNames: ['event'],
      registers: [registry],
    });
    this.socketConnections = new Gauge({
      name: 'sluice_api_socket_connections',
      help: 'Socket.IO connections open to the batches namespace',
      registers: [registry],
      collect() {
        this.set(counts().sockets());
      },
    });
  }

  /** Where open sockets and watched batches are counted at each scrape. */
  countWith(counts: RealtimeCounts): void {
    this.counts = counts;
  }
}
