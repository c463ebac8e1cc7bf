import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';

import { BATCH_PHASES, BatchPhase, BatchView, Page } from '@sluice/shared';

import { toApiError } from '../../core/errors/api-error';
import { BatchesApi } from '../../core/http/batches-api';
import { ApiErrorMessage } from '../../shared/api-error-message';
import { PhaseChip } from '../../shared/phase-chip';
import { phaseLabel } from '../../shared/phase-label';
import { BatchUpload } from './batch-upload';

const ALL_PHASES = 'all';
type PhaseFilter = BatchPhase | typeof ALL_PHASES;

/** Home page: every batch, newest first, with the upload card above. */
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
    ApiErrorMessage,
    BatchUpload,
    PhaseChip,
  ],
  templateUrl: './batch-list.html',
  styleUrl: './batch-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchList {
  private readonly api = inject(BatchesApi);

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
    'parseErrors',
    'succeeded',
    'failed',
    'temporal',
  ];

  protected readonly phase = signal<BatchPhase | null>(null);
  protected readonly offset = signal(0);
  protected readonly limit = signal(20);

  protected readonly batches = rxResource({
    params: () => ({ offset: this.offset(), limit: this.limit(), phase: this.phase() }),
    stream: ({ params }) => this.api.list(params),
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
      : 'No batches yet. Upload a CSV file to start one.';
  });

  protected readonly pageIndex = computed(() => Math.floor(this.offset() / this.limit()));

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

  protected addUploaded(batch: BatchView): void {
    const phase = this.phase();
    const isOnThisPage = this.offset() === 0 && (phase === null || phase === batch.phase);
    if (isOnThisPage && this.batches.hasValue()) {
      this.batches.update((page) => page && prepend(page, batch));
    } else if (isOnThisPage) {
      this.batches.reload();
    } else {
      // The new batch is not on this page: go to the first page of all phases, where it is.
      this.offset.set(0);
      this.phase.set(null);
    }
  }
}

function prepend(page: Page<BatchView>, batch: BatchView): Page<BatchView> {
  const others = page.items.filter((item) => item.id !== batch.id);
  const isNew = others.length === page.items.length;

  return {
    ...page,
    items: [batch, ...others].slice(0, page.limit),
    total: page.total + (isNew ? 1 : 0),
  };
}
