import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ChartConfiguration } from 'chart.js';

import { ChartCanvas } from '../../../core/charts/chart-canvas';
import { OUTCOME_COLORS } from '../../../core/charts/provide-console-charts';
import { ThroughputSample, throughputSeries } from './sending-figures';

/** Deliveries finished per second as the console saw them, against the configured rate. */
@Component({
  selector: 'app-throughput-chart',
  imports: [ChartCanvas],
  template: `
    <app-chart-canvas type="line" [data]="data()" [options]="options" [label]="summary()" />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThroughputChart {
  readonly samples = input.required<readonly ThroughputSample[]>();
  readonly configuredRate = input<number | null>(null);

  protected readonly options: ChartConfiguration<'line'>['options'] = {
    scales: {
      y: { beginAtZero: true, title: { display: true, text: 'per second' } },
      x: { ticks: { maxTicksLimit: 6 } },
    },
    plugins: { legend: { position: 'bottom' } },
  };

  private readonly series = computed(() => throughputSeries(this.samples()));

  protected readonly data = computed<ChartConfiguration<'line'>['data']>(() => {
    const series = this.series();
    const configured = this.configuredRate();
    const datasets: ChartConfiguration<'line'>['data']['datasets'] = [
      {
        label: 'Actual',
        data: series.map((point) => round(point.rate)),
        borderColor: OUTCOME_COLORS.succeeded,
        backgroundColor: 'transparent',
        pointRadius: 0,
        tension: 0.3,
      },
    ];
    if (configured !== null) {
      datasets.push({
        label: 'Configured',
        data: series.map(() => configured),
        borderColor: OUTCOME_COLORS.configured,
        borderDash: [6, 4],
        pointRadius: 0,
      });
    }

    return { labels: series.map((point) => clockTime(point.atMs)), datasets };
  });

  protected readonly summary = computed(() => {
    const last = this.series().at(-1);
    const configured = this.configuredRate();
    const actual = last ? `${round(last.rate)} deliveries per second now` : 'No throughput yet';

    return configured === null ? actual : `${actual}, ${configured} configured`;
  });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function clockTime(atMs: number): string {
  return new Date(atMs).toLocaleTimeString([], { minute: '2-digit', second: '2-digit' });
}
