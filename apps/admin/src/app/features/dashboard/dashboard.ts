import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { asyncScheduler, filter, interval, merge, startWith, switchMap, throttleTime } from 'rxjs';

import { toApiError } from '../../core/errors/api-error';
import { BatchesApi } from '../../core/http/batches-api';
import { BatchListFeed } from '../../core/realtime/batch-list-feed';
import { ApiErrorMessage } from '../../shared/api-error-message';
import { BatchList } from '../batches/batch-list';
import { dashboardStats, outcomesByDay } from './dashboard-stats';
import { OutcomesChart } from './outcomes-chart';
import { StatCards } from './stat-cards';

/** The newest batches the cards and the chart are computed from (the API's largest page). */
export const STATS_WINDOW = 500;
const STATS_REFRESH_MS = 30_000;
// Each read adds up hundreds of batches; a busy day's stream of starts and ends can wait a bit.
const STATS_MIN_GAP_MS = 5_000;
const CHART_DAYS = 14;

/** Home page: figures of the day, outcomes over time, and the list of batches. */
@Component({
  selector: 'app-dashboard',
  imports: [
    MatButtonModule,
    MatCardModule,
    RouterLink,
    ApiErrorMessage,
    BatchList,
    OutcomesChart,
    StatCards,
  ],
  template: `
    <header>
      <h1>Batches</h1>
      <a mat-flat-button routerLink="/batches/new">New batch</a>
    </header>

    @if (statsError(); as error) {
      <app-api-error-message [error]="error" />
    } @else if (summary(); as summary) {
      <app-stat-cards [stats]="summary.stats" />
      <mat-card appearance="outlined">
        <mat-card-content>
          <app-outcomes-chart [outcomes]="summary.outcomes" />
        </mat-card-content>
      </mat-card>
    }

    <app-batch-list />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 16px;
    }
    h1 {
      margin: 0;
      font: var(--mat-sys-headline-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Dashboard {
  private readonly api = inject(BatchesApi);
  private readonly listFeed = inject(BatchListFeed);

  private readonly recent = rxResource({
    stream: () =>
      merge(
        interval(STATS_REFRESH_MS),
        // A batch started, moved or ended: "in progress" should agree with the list below.
        this.listFeed.changes().pipe(
          filter((change) => change === 'changed'),
          throttleTime(STATS_MIN_GAP_MS, asyncScheduler, { leading: true, trailing: true }),
        ),
      ).pipe(
        startWith(0),
        switchMap(() => this.api.list({ offset: 0, limit: STATS_WINDOW, phase: null })),
      ),
  });

  protected readonly summary = computed(() => {
    if (!this.recent.hasValue()) {
      return null;
    }
    const batches = this.recent.value().items;

    return { stats: dashboardStats(batches), outcomes: outcomesByDay(batches, CHART_DAYS) };
  });
  protected readonly statsError = computed(() => {
    const error = this.recent.error();
    return error ? toApiError(error) : null;
  });
}
