import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { filter, finalize, switchMap } from 'rxjs';

import { ApprovalView, BatchView, ErrorBody, TestRequestView } from '@sluice/shared';

import { ApiError, toApiError } from '../../../core/errors/api-error';
import { BatchCommandsApi } from '../../../core/http/batch-commands-api';
import { ApiErrorMessage } from '../../../shared/api-error-message';
import { confirm } from '../../../shared/confirm-dialog';
import { firstError } from '../../../shared/form-rules';
import {
  endpointForm,
  hasAdvancedProblem,
  headerRow,
  showIssues,
  toApprovalRequest,
} from './endpoint-form-model';
import { TestRequestResult } from './test-request-result';

type Busy = 'approving' | 'testing' | null;

/** Where and how fast to send: validated as typed, tried with a test request, then approved. */
@Component({
  selector: 'app-endpoint-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    ApiErrorMessage,
    TestRequestResult,
  ],
  templateUrl: './endpoint-form.html',
  styleUrl: './endpoint-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EndpointForm {
  private readonly commands = inject(BatchCommandsApi);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly batchId = input.required<string>();
  readonly recordCount = input.required<number>();
  readonly approved = output<ApprovalView | BatchView>();

  protected readonly form = endpointForm();
  protected readonly busy = signal<Busy>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly testResult = signal<TestRequestView | null>(null);
  protected readonly isAdvancedOpen = signal(false);
  protected readonly firstError = firstError;

  constructor() {
    this.form.controls.secretChoice.valueChanges.pipe(takeUntilDestroyed()).subscribe((choice) => {
      const secret = this.form.controls.secret;
      if (choice === 'paste') {
        secret.enable();
      } else {
        secret.disable();
      }
    });
  }

  protected addHeader(): void {
    this.form.controls.headers.push(headerRow());
  }

  protected removeHeader(index: number): void {
    this.form.controls.headers.removeAt(index);
  }

  protected sendTestRequest(): void {
    if (!this.checkValid()) {
      return;
    }

    this.busy.set('testing');
    this.error.set(null);
    this.testResult.set(null);
    this.commands
      .testRequest(this.batchId(), toApprovalRequest(this.form))
      .pipe(
        finalize(() => this.busy.set(null)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (result) => this.testResult.set(result),
        error: (error: unknown) => this.fail(error),
      });
  }

  protected approve(): void {
    if (this.recordCount() === 0 || !this.checkValid()) {
      return;
    }

    const request = toApprovalRequest(this.form);
    const records = this.recordCount().toLocaleString('en');
    confirm(this.dialog, {
      title: 'Approve and send?',
      message: `Sluice starts sending ${records} records to ${request.url} now.`,
      action: 'Approve and send',
      cancel: 'Not yet',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set('approving');
          this.error.set(null);
          return this.commands
            .approve(this.batchId(), request)
            .pipe(finalize(() => this.busy.set(null)));
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (answer) => this.approved.emit(answer),
        error: (error: unknown) => this.fail(error),
      });
  }

  protected hasError(control: AbstractControl): boolean {
    return control.invalid && control.touched;
  }

  /** Shows every problem at once and moves focus to the first field to fix. */
  private checkValid(): boolean {
    if (this.form.valid) {
      return true;
    }

    this.form.markAllAsTouched();
    this.revealProblems();

    return false;
  }

  /** Opens the folded section if a problem hides there, then focuses the first field to fix. */
  private revealProblems(): void {
    if (hasAdvancedProblem(this.form)) {
      this.isAdvancedOpen.set(true);
    }
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>('input.ng-invalid')?.focus(),
      { injector: this.injector },
    );
  }

  private fail(error: unknown): void {
    const body: Partial<ErrorBody> | null =
      error instanceof HttpErrorResponse && typeof error.error === 'object' ? error.error : null;
    const unmatched = body?.issues ? showIssues(this.form, body.issues) : [];
    if (body?.issues) {
      this.revealProblems();
    }
    const apiError = toApiError(error);
    // Issues shown on their fields are not repeated in the summary.
    const detail = body?.issues
      ? [body.message, ...unmatched.map((issue) => `${issue.field}: ${issue.message}`)].join('; ')
      : apiError.detail;
    this.error.set({ ...apiError, detail: detail ?? null });
  }
}
