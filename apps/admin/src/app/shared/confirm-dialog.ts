import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { Observable, map } from 'rxjs';

/** What to ask; `action` labels the button that goes ahead. */
export interface ConfirmQuestion {
  title: string;
  message: string;
  action: string;
  cancel?: string;
}

/** Asks before an action that cannot be undone; focus starts on the safe choice. */
@Component({
  selector: 'app-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule],
  template: `
    <h2 mat-dialog-title>{{ question.title }}</h2>
    <mat-dialog-content>
      <p>{{ question.message }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">
        {{ question.cancel ?? 'Keep going' }}
      </button>
      <button mat-flat-button type="button" class="danger" [mat-dialog-close]="true">
        {{ question.action }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  protected readonly question = inject<ConfirmQuestion>(MAT_DIALOG_DATA);
}

/** Opens the question and emits once: true when the operator chose to go ahead. */
export function confirm(dialog: MatDialog, question: ConfirmQuestion): Observable<boolean> {
  return dialog
    .open<ConfirmDialog, ConfirmQuestion, boolean>(ConfirmDialog, {
      data: question,
      autoFocus: 'first-tabbable',
      restoreFocus: true,
      maxWidth: '480px',
    })
    .afterClosed()
    .pipe(map((answer) => answer === true));
}
