import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

import {
  BatchView,
  FILE_DELIMITERS,
  FILE_ENCODINGS,
  FileDelimiter,
  FileEncoding,
  ReparseRequest,
} from '@sluice/shared';

import { ApiError, toApiError } from '../../../core/errors/api-error';
import { BatchCommandsApi } from '../../../core/http/batch-commands-api';
import { ApiErrorMessage } from '../../../shared/api-error-message';
import { DELIMITER_NAMES, ENCODING_NAMES } from './format-names';

/**
 * Lets the operator read the file again with another encoding or delimiter when detection got
 * it wrong (accents garbled, one column where there should be several). The records and parse
 * errors are replaced; the batch goes back to parsing, then awaits approval again.
 */
@Component({
  selector: 'app-reading-options',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, ApiErrorMessage],
  template: `
    <form (submit)="$event.preventDefault(); readAgain()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Encoding</mat-label>
        <select
          matNativeControl
          [value]="encoding()"
          (change)="encoding.set(optionOf($event))"
          [disabled]="pending()"
        >
          @for (option of encodings; track option) {
            <option [value]="option" [selected]="option === encoding()">
              {{ encodingNames[option] }}
            </option>
          }
        </select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Delimiter</mat-label>
        <select
          matNativeControl
          [value]="delimiter()"
          (change)="delimiter.set(optionOf($event))"
          [disabled]="pending()"
        >
          @for (option of delimiters; track option) {
            <option [value]="option" [selected]="option === delimiter()">
              {{ delimiterNames[option] }}
            </option>
          }
        </select>
      </mat-form-field>
      <button mat-stroked-button type="submit" [disabled]="!changed() || pending()">
        Read the file again
      </button>
    </form>
    <p class="hint">Replaces the records and parse errors above with a new reading of the file.</p>
    @if (error(); as error) {
      <app-api-error-message [error]="error" />
    }
  `,
  styles: `
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
    }
    .hint {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReadingOptions {
  private readonly commands = inject(BatchCommandsApi);
  private readonly destroyRef = inject(DestroyRef);

  readonly batch = input.required<BatchView>();
  /** The batch as the API answered the re-read: back in parsing. */
  readonly reread = output<BatchView>();

  protected readonly encodings = FILE_ENCODINGS;
  protected readonly delimiters = FILE_DELIMITERS;
  protected readonly encodingNames = ENCODING_NAMES;
  protected readonly delimiterNames = DELIMITER_NAMES;

  // Live updates hand in a new batch object several times a second; the choice must be reset
  // only by a new reading of the file, so the selects follow these values, not the object.
  private readonly readEncoding = computed(() => this.batch().format?.encoding ?? 'utf-8');
  private readonly readDelimiter = computed(() => this.batch().format?.delimiter ?? ',');
  protected readonly encoding = linkedSignal<FileEncoding>(() => this.readEncoding());
  protected readonly delimiter = linkedSignal<FileDelimiter>(() => this.readDelimiter());
  protected readonly changed = computed(() => Object.keys(this.choice()).length > 0);
  protected readonly pending = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  /** Only what differs from how the file was read; the API keeps the rest. */
  private readonly choice = computed<ReparseRequest>(() => {
    const format = this.batch().format;
    return {
      ...(this.encoding() !== format?.encoding ? { encoding: this.encoding() } : {}),
      ...(this.delimiter() !== format?.delimiter ? { delimiter: this.delimiter() } : {}),
    };
  });

  protected optionOf<T extends string>(event: Event): T {
    return (event.target as HTMLSelectElement).value as T;
  }

  protected readAgain(): void {
    if (!this.changed() || this.pending()) {
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.commands
      .reparse(this.batch().id, this.choice())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          this.pending.set(false);
          this.reread.emit(view);
        },
        error: (error: unknown) => {
          this.pending.set(false);
          this.error.set(toApiError(error));
        },
      });
  }
}
