import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';

import { BatchCounts } from '@sluice/shared';

import { OUTCOME_COLORS, provideConsoleCharts } from '../../../core/charts/provide-console-charts';

/** How the records of a batch ended: succeeded, failed, and never sent. */
@Component({
  selector: 'app-outcome-chart',
  imports: [BaseChartDirective],
  // Here rather than app-wide, so chart.js loads with the pages that draw charts.
  providers: [provideConsoleCharts()],
  template: `
    <div class="chart">
      <canvas
        baseChart
        type="doughnut"
        [data]="data()"
        [options]="options"
        role="img"
        [attr.aria-label]="summary()"
      ></canvas>
    </div>
  `,
  styles: `
    .chart {
      position: relative;
      height: 200px;
    }
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
