import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Observable, filter, finalize } from 'rxjs';

import { BatchView } from '@sluice/shared';

import { ApiError, toApiError } from '../../../core/errors/api-error';
import { BatchCommandsApi } from '../../../core/http/batch-commands-api';
import { LiveBatch } from '../../../core/realtime/live-batch';
import { ApiErrorMessage } from '../../../shared/api-error-message';
import { confirm } from '../../../shared/confirm-dialog';
import { formatDuration } from '../../../shared/formatting';
import { LiveSettings } from './live-settings';
import { ThroughputSample, sendingFigures } from './sending-figures';
import { ThroughputChart } from './throughput-chart';

// Two minutes of samples at the fastest polling pace.
const MAX_SAMPLES = 60;

/** Sending: progress, live figures and throughput, with pause, resume, cancel and pace. */
@Component({
  selector: 'app-sending-panel',
  imports: [
    DecimalPipe,
    MatButtonModule,
    MatCardModule,
    MatProgressBarModule,
    ApiErrorMessage,
    LiveSettings,
    ThroughputChart,
  ],
  templateUrl: './sending-panel.html',
  styleUrl: './sending-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SendingPanel {
  private readonly commands = inject(BatchCommandsApi);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  readonly batch = input.required<LiveBatch>();
  readonly changed = output<BatchView>();

  /** One sample per snapshot seen, while the page is open. */
  protected readonly samples = linkedSignal<LiveBatch, ThroughputSample[]>({
    source: this.batch,
    computation: (batch, previous) => {
      const sample = { atMs: Date.now(), finished: batch.counts.succeeded + batch.counts.failed };
      return [...(previous?.value ?? []), sample].slice(-MAX_SAMPLES);
    },
  });

  protected readonly figures = computed(() => sendingFigures(this.batch(), this.samples()));
  protected readonly isPaused = computed(() => this.batch().phase === 'paused');
  protected readonly eta = computed(() => {
    const seconds = this.figures().etaSeconds;
    return seconds === null ? '—' : formatDuration(seconds * 1_000);
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  protected pause(): void {
    this.run(this.commands.pause(this.batch().id));
  }

  protected resume(): void {
    this.run(this.commands.resume(this.batch().id));
  }

  protected cancel(): void {
    const batch = this.batch();
    confirm(this.dialog, {
      title: 'Cancel sending?',
      message:
        `No new request starts for ${batch.fileName}; requests in flight finish. ` +
        'Records not sent yet stay unsent. This cannot be undone.',
      action: 'Cancel sending',
      cancel: 'Keep sending',
    })
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.run(this.commands.cancel(batch.id)));
  }

  private run(command: Observable<BatchView>): void {
    this.busy.set(true);
    this.error.set(null);
    command
      .pipe(
        finalize(() => this.busy.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (view) => this.changed.emit(view),
        error: (error: unknown) => this.error.set(toApiError(error)),
      });
  }
}
