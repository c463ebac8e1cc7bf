import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatChipsModule } from '@angular/material/chips';

import { BatchPhase } from '@sluice/shared';

import { phaseLabel } from './phase-label';

type Tone = 'working' | 'waiting' | 'done' | 'problem' | 'neutral';

// Colour groups what an operator does next: watch, act, nothing, or investigate.
const TONES: Readonly<Record<BatchPhase, Tone>> = {
  parsing: 'working',
  sending: 'working',
  awaiting_approval: 'waiting',
  paused: 'waiting',
  completed: 'done',
  completed_with_failures: 'problem',
  failed: 'problem',
  cancelled: 'neutral',
};

/** A batch phase as a read-only chip. */
@Component({
  selector: 'app-phase-chip',
  imports: [MatChipsModule],
  template: `<mat-chip [class]="'tone-' + tone()" disableRipple>{{ label() }}</mat-chip>`,
  styleUrl: './phase-chip.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PhaseChip {
  readonly phase = input.required<BatchPhase>();

  protected readonly label = computed(() => phaseLabel(this.phase()));
  protected readonly tone = computed(() => TONES[this.phase()]);
}
