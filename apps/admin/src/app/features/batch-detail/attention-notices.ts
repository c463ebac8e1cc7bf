import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, linkedSignal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { switchMap } from 'rxjs';

import {
  AttentionKind,
  BatchAttentionNeededEvent,
  BatchPhase,
  isTerminalPhase,
} from '@sluice/shared';

import { BatchLiveFeed } from '../../core/realtime/batch-live-feed';

/** What each kind of notice is about, in the operator's words; the event's message has the rest. */
const TITLES: Readonly<Record<AttentionKind, string>> = {
  auto_paused: 'Paused after repeated failures',
  failure_burst: 'Many deliveries are failing',
  parse_errors_found: 'Some rows could not be read',
};

/** What the operator can do about it, where the message does not already say. */
const NEXT_STEPS: Readonly<Partial<Record<AttentionKind, string>>> = {
  auto_paused: 'Check the endpoint, then resume or cancel the batch.',
  failure_burst: 'Check the endpoint; pause the batch if it needs time to recover.',
};

/** Whether a notice still asks something of the operator once the batch is in `phase`. */
function stillApplies(kind: AttentionKind, phase: BatchPhase): boolean {
  switch (kind) {
    case 'parse_errors_found':
      return phase === 'parsing' || phase === 'awaiting_approval';
    case 'auto_paused':
      return phase === 'paused';
    case 'failure_burst':
      return !isTerminalPhase(phase);
  }
}

/**
 * What the gateway says needs the operator's attention now, one notice per kind, the newest
 * first. Each stays until dismissed, the page is left, or the batch moves past what it was
 * about (approved, resumed, ended): the API keeps no notices to read back.
 */
@Component({
  selector: 'app-attention-notices',
  imports: [DatePipe, MatButtonModule, MatCardModule],
  template: `
    @for (notice of notices(); track notice.kind) {
      <mat-card appearance="outlined" role="alert" [class]="notice.kind">
        <mat-card-content>
          <h2>{{ titles[notice.kind] }}</h2>
          @if (notice.message) {
            <p>{{ notice.message }}</p>
          }
          @if (nextSteps[notice.kind]; as nextStep) {
            <p>{{ nextStep }}</p>
          }
          <div class="footer">
            <time [attr.datetime]="notice.detectedAt">
              Noticed at {{ notice.detectedAt | date: 'mediumTime' }}
            </time>
            <button
              mat-button
              type="button"
              [attr.aria-label]="'Dismiss “' + titles[notice.kind] + '”'"
              (click)="dismiss(notice.kind)"
            >
              Dismiss
            </button>
          </div>
        </mat-card-content>
      </mat-card>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    :host:empty {
      display: none;
    }
    mat-card {
      border-color: var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    mat-card.parse_errors_found {
      border-color: var(--mat-sys-tertiary);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    h2 {
      margin: 0 0 4px;
      font: var(--mat-sys-title-medium);
    }
    p {
      margin: 4px 0;
      overflow-wrap: anywhere;
    }
    .footer {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttentionNotices {
  private readonly feed = inject(BatchLiveFeed);

  readonly batchId = input.required<string>();
  readonly phase = input.required<BatchPhase>();

  protected readonly titles = TITLES;
  protected readonly nextSteps = NEXT_STEPS;
  /** Shown notices, newest first; another batch starts with none. */
  protected readonly notices = linkedSignal<
    { batchId: string; phase: BatchPhase },
    BatchAttentionNeededEvent[]
  >({
    source: () => ({ batchId: this.batchId(), phase: this.phase() }),
    computation: ({ batchId, phase }, previous) =>
      previous?.source.batchId === batchId
        ? previous.value.filter((notice) => stillApplies(notice.kind, phase))
        : [],
  });

  constructor() {
    toObservable(this.batchId)
      .pipe(
        switchMap((batchId) => this.feed.notices(batchId)),
        takeUntilDestroyed(),
      )
      .subscribe((notice) =>
        this.notices.update((shown) => [
          notice,
          ...shown.filter((older) => older.kind !== notice.kind),
        ]),
      );
  }

  protected dismiss(kind: AttentionKind): void {
    this.notices.update((shown) => shown.filter((notice) => notice.kind !== kind));
  }
}
