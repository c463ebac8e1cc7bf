import { DecimalPipe, PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';

import { BATCH_PHASES } from '@sluice/shared';

import { phaseLabel } from '../../shared/phase-label';
import { DashboardStats } from './dashboard-stats';

/** Today's deliveries, today's success rate, and what is in progress, at a glance. */
@Component({
  selector: 'app-stat-cards',
  imports: [DecimalPipe, MatCardModule, PercentPipe],
  template: `
    <mat-card appearance="outlined">
      <mat-card-content>
        <h2>Deliveries today</h2>
        <p class="value figure">{{ stats().deliveriesToday | number }}</p>
      </mat-card-content>
    </mat-card>
    <mat-card appearance="outlined">
      <mat-card-content>
        <h2>Success rate today</h2>
        <p class="value figure">
          @if (stats().successRateToday !== null) {
            {{ stats().successRateToday | percent: '1.0-1' }}
          } @else {
            <span class="none">No deliveries yet</span>
          }
        </p>
      </mat-card-content>
    </mat-card>
    <mat-card appearance="outlined">
      <mat-card-content>
        <h2>Batches in progress</h2>
        <p class="value figure">{{ stats().inProgress | number }}</p>
        @if (breakdown(); as breakdown) {
          <p class="detail">{{ breakdown }}</p>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
      gap: 16px;
    }
    h2 {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-title-small);
    }
    p {
      margin: 4px 0 0;
    }
    .value {
      font: var(--mat-sys-headline-medium);
    }
    .none,
    .detail {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatCards {
  readonly stats = input.required<DashboardStats>();

  protected readonly breakdown = computed(() => {
    const byPhase = this.stats().inProgressByPhase;

    return BATCH_PHASES.filter((phase) => byPhase[phase])
      .map((phase) => `${byPhase[phase]} ${phaseLabel(phase).toLowerCase()}`)
      .join(', ');
  });
}
