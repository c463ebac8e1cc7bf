import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { filter, switchMap } from 'rxjs';

import { ApprovalView, BatchView } from '@sluice/shared';

import { ApiError, toApiError } from '../../../core/errors/api-error';
import { BatchCommandsApi } from '../../../core/http/batch-commands-api';
import { ApiErrorMessage } from '../../../shared/api-error-message';
import { confirm } from '../../../shared/confirm-dialog';
import { ParseErrorsTable } from '../parsing/parse-errors-table';
import { DetectedFormat } from './detected-format';
import { EndpointForm } from './endpoint-form';
import { ReadingOptions } from './reading-options';
import { RecordsTable } from './records-table';

/** Review: what was parsed, then where to send it. Nothing leaves before "Approve and send". */
@Component({
  selector: 'app-review-panel',
  imports: [
    MatButtonModule,
    MatCardModule,
    ApiErrorMessage,
    DetectedFormat,
    EndpointForm,
    ParseErrorsTable,
    ReadingOptions,
    RecordsTable,
  ],
  templateUrl: './review-panel.html',
  styleUrl: './review-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewPanel {
  private readonly commands = inject(BatchCommandsApi);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  readonly batch = input.required<BatchView>();
  readonly approved = output<ApprovalView | BatchView>();
  readonly discarded = output<BatchView>();
  /** The batch back in parsing, after the operator chose to read the file differently. */
  readonly reread = output<BatchView>();

  protected readonly discardError = signal<ApiError | null>(null);

  protected discard(): void {
    const batch = this.batch();
    confirm(this.dialog, {
      title: 'Discard this batch?',
      message: `${batch.fileName} will not be sent. This cannot be undone.`,
      action: 'Discard',
      cancel: 'Keep it',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.commands.cancel(batch.id)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (view) => this.discarded.emit(view),
        error: (error: unknown) => this.discardError.set(toApiError(error)),
      });
  }
}
