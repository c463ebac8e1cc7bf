import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';

import { Page, ParseErrorView } from '@sluice/shared';

import { toApiError } from '../../../core/errors/api-error';
import { BatchesApi } from '../../../core/http/batches-api';
import { ApiErrorMessage } from '../../../shared/api-error-message';

const PAGE_SIZE = 20;

/** Rows that did not become records, by line and column; refetched as more are found. */
@Component({
  selector: 'app-parse-errors-table',
  imports: [DecimalPipe, MatPaginatorModule, MatTableModule, ApiErrorMessage],
  template: `
    @if (count() === 0) {
      <p class="none">Every row parsed.</p>
    } @else if (error(); as error) {
      <app-api-error-message [error]="error" />
    } @else if (page(); as page) {
      <div class="table-scroll">
        <table mat-table [dataSource]="page.items" aria-label="Parse errors">
          <ng-container matColumnDef="line">
            <th mat-header-cell *matHeaderCellDef scope="col" class="numeric">Line</th>
            <td mat-cell *matCellDef="let error" class="numeric figure">
              {{ error.lineNumber | number }}
            </td>
          </ng-container>
          <ng-container matColumnDef="column">
            <th mat-header-cell *matHeaderCellDef scope="col" class="numeric">Column</th>
            <td mat-cell *matCellDef="let error" class="numeric figure">
              {{ error.columnNumber ?? '—' }}
            </td>
          </ng-container>
          <ng-container matColumnDef="problem">
            <th mat-header-cell *matHeaderCellDef scope="col">Problem</th>
            <td mat-cell *matCellDef="let error">
              {{ error.message }} <span class="code">{{ error.code }}</span>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      </div>
      @if (page.total > pageSize) {
        <mat-paginator
          [length]="page.total"
          [pageSize]="pageSize"
          [pageIndex]="offset() / pageSize"
          [hidePageSize]="true"
          (page)="changePage($event)"
          aria-label="Pages of parse errors"
        />
      }
    }
  `,
  styles: `
    .none {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .table-scroll {
      overflow-x: auto;
    }
    .numeric {
      width: 72px;
      text-align: end;
    }
    .code {
      margin-left: 4px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ParseErrorsTable {
  private readonly api = inject(BatchesApi);

  readonly batchId = input.required<string>();
  /** How many parse errors the batch has so far; a change fetches the page again. */
  readonly count = input.required<number>();

  protected readonly pageSize = PAGE_SIZE;
  protected readonly columns = ['line', 'column', 'problem'];
  protected readonly offset = signal(0);

  private readonly errors = rxResource({
    params: () =>
      this.count() > 0
        ? { batchId: this.batchId(), count: this.count(), offset: this.offset() }
        : undefined,
    stream: ({ params }) =>
      this.api.parseErrors(params.batchId, { offset: params.offset, limit: PAGE_SIZE }),
  });

  // Rows found earlier stay on screen while the longer list loads.
  protected readonly page = linkedSignal<
    Page<ParseErrorView> | undefined,
    Page<ParseErrorView> | undefined
  >({
    source: () => (this.errors.hasValue() ? this.errors.value() : undefined),
    computation: (next, previous) => next ?? previous?.value,
  });

  protected readonly error = computed(() => {
    const error = this.errors.error();
    return error ? toApiError(error) : null;
  });

  protected changePage(event: PageEvent): void {
    this.offset.set(event.pageIndex * PAGE_SIZE);
  }
}
