import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { BatchView } from '@sluice/shared';

import { formatBytes } from '../../../shared/formatting';
import { DELIMITER_NAMES, ENCODING_NAMES } from './format-names';

/** What the parser found: delimiter, encoding, header and counts, to check before approving. */
@Component({
  selector: 'app-detected-format',
  imports: [DecimalPipe],
  template: `
    <dl class="figures">
      <div>
        <dt>Records</dt>
        <dd class="figure">{{ batch().counts.records | number }}</dd>
      </div>
      <div>
        <dt>Parse errors</dt>
        <dd class="figure" [class.problem]="batch().counts.parseErrors > 0">
          {{ batch().counts.parseErrors | number }}
        </dd>
      </div>
      <div>
        <dt>Delimiter</dt>
        <dd>{{ delimiter() }}</dd>
      </div>
      <div>
        <dt>Encoding</dt>
        <dd>{{ encoding() }}</dd>
      </div>
      <div>
        <dt>File size</dt>
        <dd>{{ size() }}</dd>
      </div>
      <div class="header">
        <dt>Header ({{ columns().length }} columns)</dt>
        <dd>
          <ul>
            @for (column of columns(); track $index) {
              <li>{{ column }}</li>
            }
          </ul>
        </dd>
      </div>
    </dl>
  `,
  styleUrl: './detected-format.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DetectedFormat {
  readonly batch = input.required<BatchView>();

  protected readonly columns = computed(() => this.batch().format?.columns ?? []);
  protected readonly size = computed(() => formatBytes(this.batch().fileSizeBytes));
  protected readonly encoding = computed(() => {
    const encoding = this.batch().format?.encoding;
    return encoding ? (ENCODING_NAMES[encoding] ?? encoding) : 'Unknown';
  });
  protected readonly delimiter = computed(() => {
    const delimiter = this.batch().format?.delimiter;
    if (delimiter === undefined) {
      return 'Unknown';
    }

    return DELIMITER_NAMES[delimiter] ?? `“${delimiter}”`;
  });
}
