import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { toApiError } from '../../../core/errors/api-error';
import { DeliveriesApi } from '../../../core/http/deliveries-api';
import { ApiErrorMessage } from '../../../shared/api-error-message';
import { attemptErrorLabel } from '../../../shared/attempt-error-label';

/**
 * Every attempt of one delivery: status, latency, error and the start of the answer. The API
 * never returns request headers or the secret, so there is nothing secret here to hide.
 */
@Component({
  selector: 'app-delivery-attempts',
  imports: [DatePipe, DecimalPipe, MatProgressBarModule, ApiErrorMessage],
  template: `
    @if (detail.isLoading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading attempts" />
    } @else if (error(); as error) {
      <app-api-error-message [error]="error" />
    } @else if (detail.hasValue()) {
      @let delivery = detail.value();
      <p class="meta">
        Webhook id <code>{{ delivery.id }}</code>
        @if (delivery.lastErrorMessage) {
          · {{ delivery.lastErrorMessage }}
        }
      </p>
      <ol aria-label="Attempts">
        @for (attempt of delivery.attempts; track attempt.attemptNumber) {
          <li>
            <p class="line">
              <strong>Attempt {{ attempt.attemptNumber }}</strong>
              <span>{{ attempt.startedAt | date: 'mediumTime' }}</span>
              <span>{{
                attempt.statusCode === null ? 'No status' : 'Status ' + attempt.statusCode
              }}</span>
              <span class="figure">{{ attempt.durationMs | number: '1.0-0' }} ms</span>
              @if (errorLabel(attempt.errorCode); as label) {
                <span class="problem">{{ label }}</span>
              } @else {
                <span>Succeeded</span>
              }
            </p>
            @if (attempt.responseExcerpt) {
              <pre>{{ attempt.responseExcerpt }}</pre>
            }
          </li>
        } @empty {
          <li>No attempt yet.</li>
        }
      </ol>
    }
  `,
  styleUrl: './delivery-attempts.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeliveryAttempts {
  private readonly api = inject(DeliveriesApi);

  readonly deliveryId = input.required<string>();

  protected readonly detail = rxResource({
    params: () => this.deliveryId(),
    stream: ({ params }) => this.api.get(params),
  });
  protected readonly error = computed(() => {
    const error = this.detail.error();
    return error ? toApiError(error) : null;
  });
  protected readonly errorLabel = attemptErrorLabel;
}
