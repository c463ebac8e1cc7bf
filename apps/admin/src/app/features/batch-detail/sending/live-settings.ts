import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { finalize } from 'rxjs';

import { BatchConfigPatch, BatchView, EndpointView } from '@sluice/shared';

import { ApiError, toApiError } from '../../../core/errors/api-error';
import { BatchCommandsApi } from '../../../core/http/batch-commands-api';
import { ApiErrorMessage } from '../../../shared/api-error-message';
import { deliverySettingRule, firstError } from '../../../shared/form-rules';

/** Rate, concurrency and records per request of a running batch, changed while it runs. */
@Component({
  selector: 'app-live-settings',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ApiErrorMessage,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="apply()" novalidate>
      <mat-form-field appearance="outline">
        <mat-label>Rate (requests per second)</mat-label>
        <input matInput type="number" formControlName="ratePerSecond" min="0.1" step="any" />
        <mat-error>{{ firstError(form.controls.ratePerSecond) }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Concurrency</mat-label>
        <input matInput type="number" formControlName="concurrency" min="1" step="1" />
        <mat-error>{{ firstError(form.controls.concurrency) }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Records per request</mat-label>
        <input matInput type="number" formControlName="recordsPerRequest" min="1" step="1" />
        <mat-error>{{ firstError(form.controls.recordsPerRequest) }}</mat-error>
      </mat-form-field>
      <button mat-stroked-button type="submit" [disabled]="saving() || form.pristine">Apply</button>
    </form>
    <p class="status" role="status">
      {{ saved() ? 'Applied. The new pace starts within seconds.' : '' }}
    </p>
    @if (error(); as error) {
      <app-api-error-message [error]="error" />
    }
  `,
  styles: `
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 8px 16px;
    }
    mat-form-field {
      flex: 1 1 200px;
    }
    button {
      margin-top: 10px;
    }
    .status {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LiveSettings {
  private readonly commands = inject(BatchCommandsApi);
  private readonly destroyRef = inject(DestroyRef);

  readonly batchId = input.required<string>();
  readonly endpoint = input.required<EndpointView>();
  readonly changed = output<BatchView>();

  protected readonly form = new FormGroup({
    ratePerSecond: new FormControl<number | null>(null, {
      validators: deliverySettingRule('ratePerSecond'),
    }),
    concurrency: new FormControl<number | null>(null, {
      validators: deliverySettingRule('concurrency'),
    }),
    recordsPerRequest: new FormControl<number | null>(null, {
      validators: deliverySettingRule('recordsPerRequest'),
    }),
  });
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly firstError = firstError;

  constructor() {
    // Follows the batch's current settings until the operator starts editing.
    effect(() => {
      const { ratePerSecond, concurrency, recordsPerRequest } = this.endpoint();
      untracked(() => {
        if (this.form.pristine) {
          this.form.reset({ ratePerSecond, concurrency, recordsPerRequest });
        }
      });
    });
  }

  protected apply(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }

    const { ratePerSecond, concurrency, recordsPerRequest } = this.form.getRawValue();
    const patch: BatchConfigPatch = {
      ratePerSecond: ratePerSecond ?? undefined,
      concurrency: concurrency ?? undefined,
      recordsPerRequest: recordsPerRequest ?? undefined,
    };
    this.saving.set(true);
    this.saved.set(false);
    this.error.set(null);
    this.commands
      .updateConfig(this.batchId(), patch)
      .pipe(
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (view) => {
          this.form.markAsPristine();
          this.saved.set(true);
          this.changed.emit(view);
        },
        error: (error: unknown) => this.error.set(toApiError(error)),
      });
  }
}
