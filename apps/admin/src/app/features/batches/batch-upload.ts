import { HttpEvent, HttpEventType } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Subscription } from 'rxjs';

import { BatchView } from '@sluice/shared';

import { ApiError, toApiError } from '../../core/errors/api-error';
import { BatchesApi } from '../../core/http/batches-api';
import { ApiErrorMessage } from '../../shared/api-error-message';
import { formatBytes } from '../../shared/formatting';

/** The largest file the API takes; `isDefault` when the API did not say, so it may differ. */
export interface UploadLimit {
  maxBytes: number;
  isDefault: boolean;
}

/** `percent` is null once the bytes are sent and the API is still storing the file. */
type UploadState =
  | { kind: 'idle' }
  | { kind: 'sending'; fileName: string; percent: number | null }
  | { kind: 'done'; batch: BatchView }
  | { kind: 'failed'; fileName: string; error: ApiError }
  | { kind: 'refused'; reason: string };

/** Sends one CSV file to the API, chosen with the file picker or dropped on the card. */
@Component({
  selector: 'app-batch-upload',
  imports: [MatButtonModule, MatCardModule, MatProgressBarModule, ApiErrorMessage],
  templateUrl: './batch-upload.html',
  styleUrl: './batch-upload.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchUpload {
  private readonly api = inject(BatchesApi);
  private readonly destroyRef = inject(DestroyRef);
  private upload: Subscription | null = null;

  readonly limit = input<UploadLimit | null>(null);
  readonly uploaded = output<BatchView>();

  protected readonly limitText = computed(() => {
    const limit = this.limit();
    if (!limit) {
      return null;
    }
    const size = formatBytes(limit.maxBytes);

    return limit.isDefault
      ? `Files up to ${size} (the API's default limit; yours may be set differently).`
      : `Files up to ${size}.`;
  });

  protected readonly state = signal<UploadState>({ kind: 'idle' });
  protected readonly isDragOver = signal(false);
  protected readonly sending = computed(() => narrow(this.state(), 'sending'));
  protected readonly done = computed(() => narrow(this.state(), 'done'));
  protected readonly failed = computed(() => narrow(this.state(), 'failed'));
  protected readonly refused = computed(() => narrow(this.state(), 'refused'));

  protected chooseFile(input: HTMLInputElement): void {
    const file = input.files?.[0];
    // Cleared so that choosing the same file again still fires `change`.
    input.value = '';
    if (file) {
      this.start(file);
    }
  }

  protected allowDrop(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) {
      return;
    }

    // Even while busy: a drop the page does not take makes the browser open the file instead.
    event.preventDefault();
    const canTake = this.sending() === null;
    event.dataTransfer.dropEffect = canTake ? 'copy' : 'none';
    this.isDragOver.set(canTake);
  }

  protected leaveDrop(event: DragEvent): void {
    // Moving between children of the card also fires dragleave; only leaving the card counts.
    const zone = event.currentTarget as Node;
    if (event.relatedTarget instanceof Node && zone.contains(event.relatedTarget)) {
      return;
    }

    this.isDragOver.set(false);
  }

  protected dropFile(event: DragEvent): void {
    event.preventDefault();
    this.isDragOver.set(false);
    const files = event.dataTransfer?.files;
    if (!files?.length || this.sending()) {
      return;
    }
    if (files.length > 1) {
      this.state.set({ kind: 'refused', reason: 'Drop one file at a time.' });
      return;
    }

    this.start(files[0]);
  }

  protected cancel(): void {
    this.upload?.unsubscribe();
    this.state.set({ kind: 'idle' });
  }

  private start(file: File): void {
    const refusal = this.refusalOf(file);
    if (refusal) {
      this.state.set({ kind: 'refused', reason: refusal });
      return;
    }

    this.upload?.unsubscribe();
    this.state.set({ kind: 'sending', fileName: file.name, percent: 0 });
    this.upload = this.api
      .upload(file)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => this.follow(file.name, event),
        error: (error: unknown) =>
          this.state.set({ kind: 'failed', fileName: file.name, error: toApiError(error) }),
      });
  }

  /** Why a file cannot be sent, when that is known before sending a byte. */
  private refusalOf(file: File): string | null {
    const limit = this.limit();
    if (file.size === 0) {
      return `${file.name} is empty. Choose a CSV file with a header and records.`;
    }
    if (limit && !limit.isDefault && file.size > limit.maxBytes) {
      const [size, most] = [formatBytes(file.size), formatBytes(limit.maxBytes)];
      return `${file.name} is too large: ${size}; the API takes files up to ${most}.`;
    }

    return null;
  }

  private follow(fileName: string, event: HttpEvent<BatchView>): void {
    if (event.type === HttpEventType.UploadProgress) {
      const percent = event.total ? Math.round((100 * event.loaded) / event.total) : 0;
      this.state.set({ kind: 'sending', fileName, percent: percent >= 100 ? null : percent });
    } else if (event.type === HttpEventType.Response && event.body) {
      this.state.set({ kind: 'done', batch: event.body });
      this.uploaded.emit(event.body);
    }
  }
}

function narrow<K extends UploadState['kind']>(
  state: UploadState,
  kind: K,
): Extract<UploadState, { kind: K }> | null {
  return state.kind === kind ? (state as Extract<UploadState, { kind: K }>) : null;
}
