import { HttpClient, HttpEvent, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { BatchPhase, BatchView, Page } from '@sluice/shared';

/** What the batch list asks for; a null phase lists every phase. */
export interface BatchListQuery {
  offset: number;
  limit: number;
  phase: BatchPhase | null;
}

/** Client for `/api/batches`; URLs are relative because the console shares the API's origin. */
@Injectable({ providedIn: 'root' })
export class BatchesApi {
  private readonly http = inject(HttpClient);

  list(query: BatchListQuery): Observable<Page<BatchView>> {
    let params = new HttpParams().set('offset', query.offset).set('limit', query.limit);
    if (query.phase) {
      params = params.set('phase', query.phase);
    }

    return this.http.get<Page<BatchView>>('/api/batches', { params });
  }

  /** Posts the file as multipart field `file`, emitting upload progress, then the new batch. */
  upload(file: File): Observable<HttpEvent<BatchView>> {
    const body = new FormData();
    body.append('file', file, file.name);

    return this.http.post<BatchView>('/api/batches', body, {
      observe: 'events',
      reportProgress: true,
    });
  }
}
