import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { catchError, of } from 'rxjs';

import { BatchView } from '@sluice/shared';

import { DEFAULT_MAX_UPLOAD_BYTES, UploadLimitsApi } from '../../core/http/upload-limits-api';
import { UploadLimit } from './batch-upload';
import { BatchUpload } from './batch-upload';

/** Upload a CSV file; the new batch opens as soon as the API has stored it. */
@Component({
  selector: 'app-new-batch',
  imports: [BatchUpload],
  template: `
    <h1>New batch</h1>
    <p class="lead">
      Sluice reads the file first. Nothing is sent until you review the records and approve an
      endpoint.
    </p>
    <app-batch-upload [limit]="limit()" (uploaded)="open($event)" />
  `,
  styles: `
    :host {
      display: block;
      max-width: 720px;
    }
    h1 {
      margin: 0 0 8px;
      font: var(--mat-sys-headline-medium);
    }
    .lead {
      margin: 0 0 16px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewBatch {
  private readonly router = inject(Router);
  // An API that cannot say its limit still takes uploads; the default is shown instead.
  private readonly limits = toSignal(
    inject(UploadLimitsApi).limits.pipe(catchError(() => of(null))),
  );

  protected readonly limit = computed<UploadLimit | null>(() => {
    const limits = this.limits();
    if (limits === undefined) {
      return null;
    }

    return limits
      ? { maxBytes: limits.maxUploadBytes, isDefault: false }
      : { maxBytes: DEFAULT_MAX_UPLOAD_BYTES, isDefault: true };
  });

  protected open(batch: BatchView): void {
    void this.router.navigate(['/batches', batch.id]);
  }
}
