import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource, takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { merge, switchMap } from 'rxjs';

import { BATCH_PHASES, BatchPhase, BatchView, Page, isTerminalPhase } from '@sluice/shared';

import { toApiError } from '../../core/errors/api-error';
import { BatchesApi } from '../../core/http/batches-api';
import { BatchListFeed } from '../../core/realtime/batch-list-feed';
import { BatchLiveFeed, PollIntervals } from '../../core/realtime/batch-live-feed';
import { ApiErrorMessage } from '../../shared/api-error-message';
import { elapsedMs, formatDuration, percentOf } from '../../shared/formatting';
import { LiveModeNotice } from '../../shared/live-mode-notice';
import { PhaseChip } from '../../shared/phase-chip';
import { phaseLabel } from '../../shared/phase-label';

const ALL_PHASES = 'all';
type PhaseFilter = BatchPhase | typeof ALL_PHASES;

// Rows are a summary: polling them (when the socket is down) can be slower than a detail page.
const ROW_POLL_INTERVALS: PollIntervals = { activeMs: 5_000, idleMs: 15_000 };

/**
 * Every batch, newest first, filtered by phase and paged. Rows of running batches follow their
 * snapshots; the page is read again when a batch starts, changes phase or ends anywhere.
 */
@Component({
  selector: 'app-batch-list',
  imports: [
    DatePipe,
    DecimalPipe,
    MatButtonModule,
    MatFormFieldModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    RouterLink,
    ApiErrorMessage,
    LiveModeNotice,
    PhaseChip,
  ],
  templateUrl: './batch-list.html',
  styleUrl: './batch-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchList {
  private readonly api = inject(BatchesApi);
  private readonly listFeed = inject(BatchListFeed);
  protected readonly feed = inject(BatchLiveFeed);

  protected readonly allPhases = ALL_PHASES;
  protected readonly phaseOptions = BATCH_PHASES.map((phase) => ({
    phase,
    label: phaseLabel(phase),
  }));
  protected readonly pageSizes = [10, 20, 50, 100];
  protected readonly columns = [
    'fileName',
    'createdAt',
    'phase',
    'records',
    'succeeded',
    'failed',
    'successShare',
    'duration',
    'temporal',
  ];

  protected readonly phase = signal<BatchPhase | null>(null);
  protected readonly offset = signal(0);
  protected readonly limit = signal(20);
  // Bumped to read the page again; unlike reload(), a new value also restarts a read in flight.
  private readonly revision = signal(0);

  protected readonly batches = rxResource({
    params: () => ({
      offset: this.offset(),
      limit: this.limit(),
      phase: this.phase(),
      revision: this.revision(),
    }),
    stream: ({ params: { offset, limit, phase } }) => this.api.list({ offset, limit, phase }),
  });

  // The previous page stays on screen while the next one loads, so the table does not flicker.
  protected readonly page = linkedSignal<Page<BatchView> | undefined, Page<BatchView> | undefined>({
    source: () => (this.batches.hasValue() ? this.batches.value() : undefined),
    computation: (next, previous) => next ?? previous?.value,
  });

  protected readonly error = computed(() => {
    const error = this.batches.error();
    return error ? toApiError(error) : null;
  });

  protected readonly emptyText = computed(() => {
    const phase = this.phase();
    return phase
      ? `No batch is in phase “${phaseLabel(phase)}”.`
      : 'No batches yet. Start one with “New batch”.';
  });

  protected readonly pageIndex = computed(() => Math.floor(this.offset() / this.limit()));

  // Ids of the rows that can still change; a new array only when the set of ids changes.
  private readonly liveIds = computed(
    () =>
      (this.page()?.items ?? []).filter((batch) => !isTerminalPhase(batch.phase)).map((b) => b.id),
    { equal: (a, b) => a.length === b.length && a.every((id, index) => id === b[index]) },
  );

  constructor() {
    toObservable(this.liveIds)
      .pipe(
        switchMap((ids) =>
          merge(
            ...ids.map((id) => this.feed.watch(id, { ...ROW_POLL_INTERVALS, fetchFirst: false })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((batch) => this.replaceRow(batch));
    // The page's query decides which batches it shows, so the API, not the pushed list, says.
    this.listFeed
      .changes()
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.revision.update((revision) => revision + 1));
  }

  protected filterByPhase(value: PhaseFilter): void {
    this.phase.set(value === ALL_PHASES ? null : value);
    this.offset.set(0);
  }

  protected changePage(event: PageEvent): void {
    this.limit.set(event.pageSize);
    this.offset.set(event.pageIndex * event.pageSize);
  }

  protected refresh(): void {
    this.batches.reload();
  }

  /** Succeeded among finished deliveries, as a percentage; a dash before any finished. */
  protected successShare(batch: BatchView): string {
    const share = percentOf(batch.counts.succeeded, batch.counts.succeeded + batch.counts.failed);

    return share === null ? '—' : `${share}%`;
  }

  /** How long sending took, or has taken so far; nothing before approval. */
  protected duration(batch: BatchView): string {
    const elapsed = elapsedMs(batch.approvedAt, batch.completedAt);

    return elapsed === null ? '—' : formatDuration(elapsed);
  }

  private replaceRow(batch: BatchView): void {
    this.page.update(
      (page) =>
        page && {
          ...page,
          items: page.items.map((item) => (item.id === batch.id ? { ...item, ...batch } : item)),
        },
    );
  }
}
