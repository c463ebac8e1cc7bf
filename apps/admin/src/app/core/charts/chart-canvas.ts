import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ChartData, ChartOptions, ChartType } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';

import { provideConsoleCharts } from './provide-console-charts';

/**
 * One chart of the console: a canvas of fixed height that fills its width, described for screen
 * readers by `label` (what it shows) or by the element `labelledBy` names plus `description`.
 */
@Component({
  selector: 'app-chart-canvas',
  imports: [BaseChartDirective],
  // Here rather than app-wide, so chart.js loads with the pages that draw charts.
  providers: [provideConsoleCharts()],
  template: `
    <div class="chart" [style.height.px]="heightPx()">
      <canvas
        baseChart
        [type]="type()"
        [data]="data()"
        [options]="options()"
        role="img"
        [attr.aria-label]="label()"
        [attr.aria-labelledby]="labelledBy()"
        [attr.aria-description]="description()"
      ></canvas>
    </div>
  `,
  styles: `
    .chart {
      position: relative;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChartCanvas<T extends ChartType> {
  readonly type = input.required<T>();
  readonly data = input.required<ChartData<T>>();
  readonly options = input<ChartOptions<T>>();
  readonly heightPx = input(200);
  readonly label = input<string | null>(null);
  readonly labelledBy = input<string | null>(null);
  readonly description = input<string | null>(null);
}
