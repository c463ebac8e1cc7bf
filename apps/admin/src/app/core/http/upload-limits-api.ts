import { HttpClient, HttpErrorResponse, HttpStatusCode } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, catchError, map, of, shareReplay, throwError } from 'rxjs';

/** What the API accepts as an upload. */
export interface UploadLimits {
  maxUploadBytes: number;
}

/** The API's default `API_MAX_UPLOAD_BYTES`, shown when the API does not say its own. */
export const DEFAULT_MAX_UPLOAD_BYTES = 1_024 ** 3;

/** The upload limit, read once per session. */
@Injectable({ providedIn: 'root' })
export class UploadLimitsApi {
  private readonly http = inject(HttpClient);

  /** Emits the configured limit, or null from an older API that does not publish it. */
  readonly limits: Observable<UploadLimits | null> = this.http
    .get<UploadLimits>('/api/limits')
    .pipe(
      map((limits) => (Number.isInteger(limits?.maxUploadBytes) ? limits : null)),
      catchError((error: unknown) =>
        error instanceof HttpErrorResponse && error.status === HttpStatusCode.NotFound
          ? of(null)
          : throwError(() => error),
      ),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
}
