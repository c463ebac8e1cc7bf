import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { BatchView } from '@sluice/shared';

import { phaseSteps } from './phase-steps';

const MARKS = { done: '✓', stopped: '✕' } as const;

/** Parse, Review, Send, Done: where the batch is. Read-only, so it is a list, not tabs. */
@Component({
  selector: 'app-phase-stepper',
  template: `
    <ol aria-label="Steps of this batch">
      @for (step of steps(); track step.label; let index = $index) {
        <li
          [class]="step.state"
          [class.is-current]="step.isCurrent"
          [attr.aria-current]="step.isCurrent ? 'step' : null"
        >
          <span class="mark" aria-hidden="true">{{ mark(step.state, index) }}</span>
          <span class="text">
            <span class="label">{{ step.label }}</span>
            <span class="visually-hidden">, {{ stateText[step.state] }}</span>
            @if (step.caption) {
              <span class="caption">{{ step.caption }}</span>
            }
          </span>
        </li>
      }
    </ol>
  `,
  styleUrl: './phase-stepper.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PhaseStepper {
  readonly batch = input.required<Pick<BatchView, 'phase' | 'parsedAt' | 'approvedAt'>>();

  protected readonly steps = computed(() => phaseSteps(this.batch()));
  protected readonly stateText = {
    done: 'done',
    current: 'current step',
    upcoming: 'not yet',
    stopped: 'stopped here',
  };

  protected mark(state: keyof typeof this.stateText, index: number): string {
    return state === 'done' || state === 'stopped' ? MARKS[state] : String(index + 1);
  }
}
