import { CollectionViewer, DataSource, ListRange } from '@angular/cdk/collections';
import { BehaviorSubject, Observable, Subscription } from 'rxjs';

import { Page, RecordView } from '@sluice/shared';

/** Loads one page of records; the table decides which pages it needs as it scrolls. */
export type RecordPageLoader = (offset: number, limit: number) => Observable<Page<RecordView>>;

/**
 * The records of a batch for a virtually scrolled table: a slot per record, filled a page at a
 * time as the rows come into view, so a million records cost only what is looked at.
 */
export class RecordPages extends DataSource<RecordView | undefined> {
  private readonly slots: (RecordView | undefined)[];
  private readonly rows: BehaviorSubject<(RecordView | undefined)[]>;
  private readonly requested = new Set<number>();
  private readonly loads = new Subscription();
  private readonly failure = new BehaviorSubject<unknown>(null);

  /** The last page load that failed, or null; scrolling back to it tries again. */
  readonly errors: Observable<unknown> = this.failure.asObservable();

  constructor(
    readonly total: number,
    private readonly pageSize: number,
    private readonly load: RecordPageLoader,
  ) {
    super();
    this.slots = Array.from({ length: total }, () => undefined);
    this.rows = new BehaviorSubject(this.slots);
  }

  connect(viewer: CollectionViewer): Observable<(RecordView | undefined)[]> {
    this.loads.add(viewer.viewChange.subscribe((range) => this.fetchPagesOf(range)));

    return this.rows;
  }

  disconnect(): void {
    this.loads.unsubscribe();
  }

  private fetchPagesOf(range: ListRange): void {
    const first = Math.floor(range.start / this.pageSize);
    const last = Math.floor(Math.max(range.start, range.end - 1) / this.pageSize);
    for (let page = first; page <= last; page += 1) {
      this.fetchPage(page);
    }
  }

  private fetchPage(page: number): void {
    const offset = page * this.pageSize;
    if (this.requested.has(page) || offset >= this.total) {
      return;
    }

    this.requested.add(page);
    this.loads.add(
      this.load(offset, this.pageSize).subscribe({
        next: (result) => {
          this.slots.splice(offset, result.items.length, ...result.items);
          this.rows.next([...this.slots]);
          this.failure.next(null);
        },
        error: (error: unknown) => {
          this.requested.delete(page);
          this.failure.next(error);
        },
      }),
    );
  }
}
