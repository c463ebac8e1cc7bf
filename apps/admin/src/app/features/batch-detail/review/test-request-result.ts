import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { TestRequestView } from '@sluice/shared';

import { attemptErrorLabel } from '../../../shared/attempt-error-label';

/** What the endpoint made of the test request: status, latency and the start of its answer. */
@Component({
  selector: 'app-test-request-result',
  template: `
    <p class="verdict" [class.ok]="isOk()">{{ verdict() }}</p>
    @if (result().responseExcerpt; as excerpt) {
      <p class="label">Start of the answer</p>
      <pre>{{ excerpt }}</pre>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    p {
      margin: 0 0 4px;
    }
    .verdict {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-large);
    }
    .verdict.ok {
      color: inherit;
    }
    .label {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    pre {
      max-height: 160px;
      margin: 0;
      overflow: auto;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      font-size: 12px;
    }
  `,
  host: { role: 'status' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TestRequestResult {
  readonly result = input.required<TestRequestView>();

  protected readonly isOk = computed(() => {
    const { statusCode, errorCode } = this.result();
    return errorCode === null && statusCode !== null && statusCode < 300;
  });

  protected readonly verdict = computed(() => {
    const { statusCode, errorCode, durationMs } = this.result();
    const latency = `${Math.round(durationMs)} ms`;
    if (this.isOk()) {
      return `Test request accepted: status ${statusCode} in ${latency}.`;
    }
    const why = attemptErrorLabel(errorCode) ?? 'Not accepted';
    const status = statusCode === null ? '' : `, status ${statusCode}`;

    return `Test request failed: ${why}${status}, after ${latency}.`;
  });
}
