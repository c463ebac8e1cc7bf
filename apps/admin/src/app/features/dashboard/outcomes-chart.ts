import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ChartConfiguration } from 'chart.js';

import { ChartCanvas } from '../../core/charts/chart-canvas';
import { OUTCOME_COLORS } from '../../core/charts/provide-console-charts';
import { OutcomesByDay } from './dashboard-stats';

/** Succeeded and failed deliveries per day, stacked. */
@Component({
  selector: 'app-outcomes-chart',
  imports: [ChartCanvas],
  template: `
    <h2 id="outcomes-title">Outcomes over the last {{ outcomes().days.length }} days</h2>
    <app-chart-canvas
      type="bar"
      [data]="data()"
      [options]="options"
      [heightPx]="220"
      labelledBy="outcomes-title"
      [description]="summary()"
    />
  `,
  styles: `
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutcomesChart {
  readonly outcomes = input.required<OutcomesByDay>();

  protected readonly options: ChartConfiguration<'bar'>['options'] = {
    scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
    plugins: { legend: { position: 'bottom' } },
  };

  protected readonly data = computed<ChartConfiguration<'bar'>['data']>(() => {
    const { days, succeeded, failed } = this.outcomes();

    return {
      labels: days.map((day) => day.slice(5)),
      datasets: [
        { label: 'Succeeded', data: succeeded, backgroundColor: OUTCOME_COLORS.succeeded },
        { label: 'Failed', data: failed, backgroundColor: OUTCOME_COLORS.failed },
      ],
    };
  });

  // Screen readers get the totals the bars show.
  protected readonly summary = computed(() => {
    const { succeeded, failed } = this.outcomes();
    const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);

    return `${total(succeeded)} succeeded and ${total(failed)} failed deliveries in this period`;
  });
}
