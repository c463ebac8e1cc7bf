import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { LiveBatch, parsingFigure } from '../../../core/realtime/live-batch';
import { formatBytes, percentOf } from '../../../shared/formatting';
import { ParseErrorsTable } from './parse-errors-table';

/** Parsing: how much of the file is read, the records so far, and parse errors as found. */
@Component({
  selector: 'app-parsing-panel',
  imports: [DecimalPipe, MatCardModule, MatProgressBarModule, ParseErrorsTable],
  template: `
    <mat-card appearance="outlined">
      <mat-card-content>
        <h2>Reading the file</h2>
        <mat-progress-bar
          [mode]="percent() === null ? 'indeterminate' : 'determinate'"
          [value]="percent() ?? 0"
          aria-label="Part of the file read"
        />
        <p class="figures figure" aria-live="polite">
          @if (bytes(); as bytes) {
            {{ bytes }} ·
          }
          {{ batch().counts.records | number }} records, {{ batch().counts.parseErrors | number }}
          parse errors so far
        </p>
      </mat-card-content>
    </mat-card>
    <section aria-labelledby="parse-errors-title">
      <h2 id="parse-errors-title">Parse errors</h2>
      <app-parse-errors-table [batchId]="batch().id" [count]="batch().counts.parseErrors" />
    </section>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    h2 {
      margin: 0 0 12px;
      font: var(--mat-sys-title-medium);
    }
    .figures {
      margin: 12px 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ParsingPanel {
  readonly batch = input.required<LiveBatch>();

  private readonly bytesTotal = computed(
    () => parsingFigure(this.batch(), 'bytesTotal') || this.batch().fileSizeBytes,
  );
  // Null until the first snapshot with parsing progress: the bar then waits, indeterminate.
  private readonly bytesRead = computed(() => parsingFigure(this.batch(), 'bytesRead'));

  protected readonly percent = computed(() => {
    const read = this.bytesRead();
    return read === null ? null : percentOf(read, this.bytesTotal());
  });

  protected readonly bytes = computed(() => {
    const read = this.bytesRead();
    const total = formatBytes(this.bytesTotal());
    return read === null ? `${total} file` : `${formatBytes(read)} of ${total} read`;
  });
}
