import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';

import { TokenStore } from '../../core/auth/token-store';
import { ERROR_MESSAGES } from '../../core/errors/error-messages';

/** Asks for the API token; the API checks it on the first request, not here. */
@Component({
  selector: 'app-sign-in',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
  ],
  templateUrl: './sign-in.html',
  styleUrl: './sign-in.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  private readonly tokens = inject(TokenStore);
  private readonly router = inject(Router);

  /** Query parameter: `unauthorized` when the API refused the previous token. */
  readonly reason = input<string>();
  /** Query parameter: the page to open after signing in. */
  readonly returnUrl = input<string>();

  protected readonly refusedMessage = ERROR_MESSAGES.UNAUTHORIZED;
  protected readonly form = new FormGroup({
    token: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/\S/)],
    }),
  });

  protected submit(): void {
    if (this.form.invalid) {
      return;
    }

    // Pasted tokens often carry a trailing newline that the API would not match.
    this.tokens.set(this.form.controls.token.value.trim());
    void this.router.navigateByUrl(appPath(this.returnUrl()));
  }
}

// Only paths inside the console; anything else falls back to the batch list.
function appPath(url: string | undefined): string {
  return url?.startsWith('/') && !url.startsWith('//') ? url : '/';
}
