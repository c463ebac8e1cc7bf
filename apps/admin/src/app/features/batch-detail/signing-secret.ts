import { Clipboard } from '@angular/cdk/clipboard';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';

/** The endpoint's signing secret, shown this once: the API never returns it again. */
@Component({
  selector: 'app-signing-secret',
  imports: [MatButtonModule, MatCardModule],
  template: `
    <mat-card appearance="outlined">
      <mat-card-content>
        <h2 tabindex="-1">Copy the signing secret now</h2>
        <p>
          The endpoint verifies each request's <code>webhook-signature</code> with this secret.
          Sluice shows it only this once.
        </p>
        <div class="secret">
          <code aria-label="Signing secret">{{ secret() }}</code>
          <button mat-stroked-button type="button" (click)="copy()">
            {{ copied() ? 'Copied' : 'Copy' }}
          </button>
        </div>
        <button mat-button type="button" (click)="dismissed.emit()">I have stored it</button>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    mat-card {
      border-color: var(--mat-sys-tertiary);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
      outline: none;
    }
    .secret {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin: 8px 0;
    }
    code {
      padding: 6px 8px;
      border-radius: 4px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SigningSecret {
  private readonly clipboard = inject(Clipboard);

  readonly secret = input.required<string>();
  readonly dismissed = output<void>();

  protected readonly copied = signal(false);

  constructor() {
    // The page changes under the operator after approval; focus leads them to the secret.
    const host = inject<ElementRef<HTMLElement>>(ElementRef);
    afterNextRender(() => host.nativeElement.querySelector<HTMLElement>('h2')?.focus());
  }

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.secret()));
  }
}
