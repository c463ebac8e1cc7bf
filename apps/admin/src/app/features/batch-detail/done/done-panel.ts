import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { filter, finalize, switchMap } from 'rxjs';

import { BatchView } from '@sluice/shared';

import { ApiError, toApiError } from '../../../core/errors/api-error';
import { BatchCommandsApi } from '../../../core/http/batch-commands-api';
import { DeliveriesApi } from '../../../core/http/deliveries-api';
import { saveFile } from '../../../core/http/save-file';
import { ApiErrorMessage } from '../../../shared/api-error-message';
import { confirm } from '../../../shared/confirm-dialog';
import { elapsedMs, formatDuration, percentOf } from '../../../shared/formatting';
import { phaseLabel } from '../../../shared/phase-label';
import { DeliveriesTable } from './deliveries-table';
import { OutcomeChart } from './outcome-chart';

/** Done: how the batch ended, its deliveries and their attempts, and what to do about failures. */
@Component({
  selector: 'app-done-panel',
  imports: [
    DatePipe,
    DecimalPipe,
    MatButtonModule,
    MatCardModule,
    ApiErrorMessage,
    DeliveriesTable,
    OutcomeChart,
  ],
  templateUrl: './done-panel.html',
  styleUrl: './done-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DonePanel {
  private readonly commands = inject(BatchCommandsApi);
  private readonly deliveries = inject(DeliveriesApi);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  readonly batch = input.required<BatchView>();
  readonly changed = output<BatchView>();

  protected readonly phase = computed(() => phaseLabel(this.batch().phase));
  protected readonly wasSent = computed(() => this.batch().approvedAt !== null);
  protected readonly successShare = computed(() => {
    const { succeeded, failed } = this.batch().counts;
    return percentOf(succeeded, succeeded + failed);
  });
  protected readonly sendingTime = computed(() => {
    const elapsed = elapsedMs(this.batch().approvedAt, this.batch().completedAt);
    return elapsed === null ? '—' : formatDuration(elapsed);
  });
  protected readonly totalTime = computed(() => {
    const elapsed = elapsedMs(this.batch().createdAt, this.batch().completedAt);
    return elapsed === null ? '—' : formatDuration(elapsed);
  });
  protected readonly busy = signal<'retrying' | 'downloading' | null>(null);
  protected readonly error = signal<ApiError | null>(null);

  protected retryFailed(): void {
    const { id, counts } = this.batch();
    confirm(this.dialog, {
      title: 'Retry failed deliveries?',
      message:
        `Sluice sends the ${counts.failed.toLocaleString('en')} failed records again, ` +
        'with the same webhook ids, as a new pass with its own progress.',
      action: 'Retry failed',
      cancel: 'Not now',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set('retrying');
          this.error.set(null);
          return this.commands.retryFailed(id).pipe(finalize(() => this.busy.set(null)));
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (view) => this.changed.emit(view),
        error: (error: unknown) => this.error.set(toApiError(error)),
      });
  }

  protected downloadFailed(): void {
    const { id, fileName } = this.batch();
    this.busy.set('downloading');
    this.error.set(null);
    this.deliveries
      .failedCsv(id)
      .pipe(
        finalize(() => this.busy.set(null)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (csv) => saveFile(csv, failedFileName(fileName)),
        error: (error: unknown) => this.error.set(toApiError(error)),
      });
  }
}

function failedFileName(fileName: string): string {
  return `${fileName.replace(/\.csv$/i, '')}-failed.csv`;
}
