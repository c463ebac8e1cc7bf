import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { provideCharts } from 'ng2-charts';

/** Only the chart.js parts the console draws, so the rest stays out of the bundle. */
export function provideConsoleCharts() {
  return provideCharts({
    registerables: [
      ArcElement,
      BarController,
      BarElement,
      CategoryScale,
      DoughnutController,
      Filler,
      Legend,
      LinearScale,
      LineController,
      LineElement,
      PointElement,
      Tooltip,
    ],
    defaults: { animation: false, maintainAspectRatio: false, responsive: true },
  });
}

/** Outcome colours, the same in every chart: green for succeeded, red for failed. */
export const OUTCOME_COLORS = {
  succeeded: '#2e7d32',
  failed: '#c62828',
  pending: '#9e9e9e',
  configured: '#1565c0',
} as const;
