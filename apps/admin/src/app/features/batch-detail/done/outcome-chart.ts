import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ChartConfiguration } from 'chart.js';

import { BatchCounts } from '@sluice/shared';

import { ChartCanvas } from '../../../core/charts/chart-canvas';
import { OUTCOME_COLORS } from '../../../core/charts/provide-console-charts';

/** How the records of a batch ended: succeeded, failed, and never sent. */
@Component({
  selector: 'app-outcome-chart',
  imports: [ChartCanvas],
  template: `
    <app-chart-canvas type="doughnut" [data]="data()" [options]="options" [label]="summary()" />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutcomeChart {
  readonly counts = input.required<BatchCounts>();

  protected readonly options: ChartConfiguration<'doughnut'>['options'] = {
    plugins: { legend: { position: 'right' } },
  };

  protected readonly data = computed<ChartConfiguration<'doughnut'>['data']>(() => {
    const { succeeded, failed, pending } = this.counts();

    return {
      labels: ['Succeeded', 'Failed', 'Not sent'],
      datasets: [
        {
          data: [succeeded, failed, pending],
          backgroundColor: [
            OUTCOME_COLORS.succeeded,
            OUTCOME_COLORS.failed,
            OUTCOME_COLORS.pending,
          ],
        },
      ],
    };
  });

  protected readonly summary = computed(() => {
    const { succeeded, failed, pending } = this.counts();
    return `Outcomes: ${succeeded} succeeded, ${failed} failed, ${pending} not sent`;
  });
}
