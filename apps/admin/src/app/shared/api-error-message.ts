import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { ApiError } from '../core/errors/api-error';

/** A failed API call in plain words, announced to screen readers as it appears. */
@Component({
  selector: 'app-api-error-message',
  template: `
    <p class="summary">{{ error().summary }}</p>
    @if (error().detail; as detail) {
      <p class="detail">{{ detail }}</p>
    }
    @if (error().correlationId; as correlationId) {
      <p class="detail">
        Reference: <code>{{ correlationId }}</code>
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
      color: var(--mat-sys-error);
    }
    p {
      margin: 4px 0;
    }
    .summary {
      font: var(--mat-sys-body-large);
    }
    .detail {
      font: var(--mat-sys-body-small);
    }
  `,
  host: { role: 'alert' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiErrorMessage {
  readonly error = input.required<ApiError>();
}
