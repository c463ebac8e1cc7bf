import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';

import { ApprovalView, BatchView, isTerminalPhase } from '@sluice/shared';

import { toApiError } from '../../core/errors/api-error';
import { hasSecret } from '../../core/http/batch-commands-api';
import { BatchLiveFeed } from '../../core/realtime/batch-live-feed';
import { LiveBatch } from '../../core/realtime/live-batch';
import { ApiErrorMessage } from '../../shared/api-error-message';
import { LiveModeNotice } from '../../shared/live-mode-notice';
import { PhaseChip } from '../../shared/phase-chip';
import { AttentionNotices } from './attention-notices';
import { DonePanel } from './done/done-panel';
import { ParsingPanel } from './parsing/parsing-panel';
import { PhaseStepper } from './phase-stepper';
import { ReviewPanel } from './review/review-panel';
import { SendingPanel } from './sending/sending-panel';
import { SigningSecret } from './signing-secret';

type Stage = 'parse' | 'review' | 'send' | 'done';

/** One batch, live: the panel of the step it is in, with the actions that step allows. */
@Component({
  selector: 'app-batch-detail',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    ApiErrorMessage,
    AttentionNotices,
    DonePanel,
    LiveModeNotice,
    ParsingPanel,
    PhaseChip,
    PhaseStepper,
    ReviewPanel,
    SendingPanel,
    SigningSecret,
  ],
  templateUrl: './batch-detail.html',
  styleUrl: './batch-detail.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchDetail {
  protected readonly feed = inject(BatchLiveFeed);

  /** Route parameter. */
  readonly batchId = input.required<string>();

  private readonly live = rxResource({
    params: () => this.batchId(),
    stream: ({ params }) => this.feed.watch(params),
  });

  /** The newest known state: from the feed, or from the answer to the operator's last command. */
  protected readonly batch = linkedSignal<LiveBatch | undefined, LiveBatch | undefined>({
    source: () => (this.live.hasValue() ? this.live.value() : undefined),
    computation: (next, previous) => newer(next, previous?.value),
  });

  protected readonly error = computed(() => {
    const error = this.live.error();
    return error ? toApiError(error) : null;
  });

  protected readonly stage = computed<Stage | null>(() => {
    const batch = this.batch();
    return batch ? stageOf(batch) : null;
  });

  /** The signing secret from the approval answer, on screen until the operator dismisses it. */
  protected readonly secret = signal<string | null>(null);

  protected apply(view: BatchView): void {
    // Live figures belong to the phase they were measured in.
    this.batch.update((current) => ({
      ...view,
      progress: current?.phase === view.phase ? current.progress : undefined,
    }));
  }

  protected dismissSecret(): void {
    this.secret.set(null);
  }

  protected approved(view: ApprovalView | BatchView): void {
    if (hasSecret(view)) {
      const { secret, ...batch } = view;
      this.secret.set(secret);
      this.apply(batch);
    } else {
      this.apply(view);
    }
  }

  protected retry(): void {
    this.live.reload();
  }
}

function stageOf(batch: BatchView): Stage {
  switch (batch.phase) {
    case 'parsing':
      return 'parse';
    case 'awaiting_approval':
      return 'review';
    case 'sending':
    case 'paused':
      return 'send';
    default:
      return isTerminalPhase(batch.phase) ? 'done' : 'parse';
  }
}

/** Keeps the later of two states, so a slow answer never takes the screen back in time. */
function newer(next: LiveBatch | undefined, current: LiveBatch | undefined): LiveBatch | undefined {
  if (!next || !current || next.id !== current.id) {
    return next ?? current;
  }

  return Date.parse(next.updatedAt) >= Date.parse(current.updatedAt) ? next : current;
}
