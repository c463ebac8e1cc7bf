import { ScrollingModule } from '@angular/cdk/scrolling';
import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { switchMap } from 'rxjs';

import { toApiError } from '../../../core/errors/api-error';
import { BatchesApi } from '../../../core/http/batches-api';
import { ApiErrorMessage } from '../../../shared/api-error-message';
import { RecordPages } from './record-pages';

const PAGE_SIZE = 100;
const ROW_HEIGHT_PX = 36;
const LINE_COLUMN_PX = 72;
const VALUE_COLUMN_PX = 160;

/** The parsed records, virtually scrolled and fetched a page at a time, keyed by the header. */
@Component({
  selector: 'app-records-table',
  imports: [DecimalPipe, ScrollingModule, ApiErrorMessage],
  templateUrl: './records-table.html',
  styleUrl: './records-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordsTable {
  private readonly api = inject(BatchesApi);

  readonly batchId = input.required<string>();
  readonly columns = input.required<string[]>();
  readonly total = input.required<number>();

  protected readonly rowHeight = ROW_HEIGHT_PX;
  protected readonly records = computed(() => {
    const batchId = this.batchId();

    return new RecordPages(this.total(), PAGE_SIZE, (offset, limit) =>
      this.api.records(batchId, { offset, limit }),
    );
  });

  protected readonly loadError = toSignal(
    toObservable(this.records).pipe(switchMap((records) => records.errors)),
  );
  protected readonly error = computed(() => {
    const error = this.loadError();
    return error ? toApiError(error) : null;
  });

  protected readonly gridColumns = computed(
    () => `${LINE_COLUMN_PX}px repeat(${this.columns().length}, minmax(${VALUE_COLUMN_PX}px, 1fr))`,
  );
  protected readonly gridWidth = computed(
    () => `${LINE_COLUMN_PX + this.columns().length * VALUE_COLUMN_PX}px`,
  );
  // A short batch gets a short table; a long one scrolls inside a fixed height.
  protected readonly viewportHeight = computed(
    () => `${Math.min(Math.max(this.total(), 1), 12) * ROW_HEIGHT_PX}px`,
  );
}
