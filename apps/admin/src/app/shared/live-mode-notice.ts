import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { LiveMode } from '../core/realtime/batch-live-feed';

const TEXTS: Readonly<Record<LiveMode, string>> = {
  connecting: 'Connecting for live updates…',
  live: 'Live',
  polling: 'Live updates unavailable; refreshing every few seconds',
};

/** A discreet line saying whether the figures are pushed live or polled. */
@Component({
  selector: 'app-live-mode-notice',
  template: `<span class="dot" aria-hidden="true"></span>{{ text() }}`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--mat-sys-outline);
    }
    :host(.live) .dot {
      background: #2e7d32;
    }
  `,
  host: { role: 'status', '[class.live]': "mode() === 'live'" },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LiveModeNotice {
  readonly mode = input.required<LiveMode>();

  protected readonly text = computed(() => TEXTS[this.mode()]);
}
