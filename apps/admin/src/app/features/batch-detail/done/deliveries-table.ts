import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';

import { DELIVERY_STATUSES, DeliveryStatus, DeliveryView, Page } from '@sluice/shared';

import { toApiError } from '../../../core/errors/api-error';
import { DeliveriesApi } from '../../../core/http/deliveries-api';
import { ApiErrorMessage } from '../../../shared/api-error-message';
import { attemptErrorLabel } from '../../../shared/attempt-error-label';
import { DeliveryAttempts } from './delivery-attempts';

const ALL = 'all';
const STATUS_LABELS: Readonly<Record<DeliveryStatus, string>> = {
  pending: 'Pending',
  in_flight: 'In flight',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

/** The deliveries of a batch, filtered by status, each opening onto its attempts. */
@Component({
  selector: 'app-deliveries-table',
  imports: [
    DatePipe,
    DecimalPipe,
    MatButtonModule,
    MatButtonToggleModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    ApiErrorMessage,
    DeliveryAttempts,
  ],
  templateUrl: './deliveries-table.html',
  styleUrl: './deliveries-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeliveriesTable {
  private readonly api = inject(DeliveriesApi);

  readonly batchId = input.required<string>();
  /** Changes whenever the batch does, so the table follows a retry pass. */
  readonly version = input<string>('');
  /** The status shown first: failures are what an operator opens this table for. */
  readonly initialStatus = input<DeliveryStatus | null>(null);

  protected readonly all = ALL;
  protected readonly statusOptions = DELIVERY_STATUSES.map((status) => ({
    status,
    label: STATUS_LABELS[status],
  }));
  protected readonly columns = ['line', 'status', 'attempts', 'lastStatus', 'completed', 'open'];
  protected readonly status = linkedSignal(() => this.initialStatus());
  protected readonly offset = signal(0);
  protected readonly limit = signal(20);
  protected readonly expandedId = signal<string | null>(null);

  private readonly deliveries = rxResource({
    params: () => ({
      batchId: this.batchId(),
      version: this.version(),
      status: this.status(),
      offset: this.offset(),
      limit: this.limit(),
    }),
    stream: ({ params }) => this.api.list(params.batchId, params),
  });

  protected readonly page = linkedSignal<
    Page<DeliveryView> | undefined,
    Page<DeliveryView> | undefined
  >({
    source: () => (this.deliveries.hasValue() ? this.deliveries.value() : undefined),
    computation: (next, previous) => next ?? previous?.value,
  });
  protected readonly isLoading = this.deliveries.isLoading;
  protected readonly error = computed(() => {
    const error = this.deliveries.error();
    return error ? toApiError(error) : null;
  });
  protected readonly statusLabel = (status: DeliveryStatus) => STATUS_LABELS[status];
  protected readonly errorLabel = attemptErrorLabel;

  protected filterBy(value: DeliveryStatus | typeof ALL): void {
    this.status.set(value === ALL ? null : value);
    this.offset.set(0);
    this.expandedId.set(null);
  }

  protected changePage(event: PageEvent): void {
    this.limit.set(event.pageSize);
    this.offset.set(event.pageIndex * event.pageSize);
    this.expandedId.set(null);
  }

  protected toggle(delivery: DeliveryView): void {
    this.expandedId.update((current) => (current === delivery.id ? null : delivery.id));
  }
}
