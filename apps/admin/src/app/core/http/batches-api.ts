import {
  HttpClient,
  HttpErrorResponse,
  HttpEvent,
  HttpHeaders,
  HttpParams,
  HttpStatusCode,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, catchError, map, of, throwError } from 'rxjs';

import { BatchPhase, BatchView, Page, ParseErrorView, RecordView } from '@sluice/shared';

/** What the batch list asks for; a null phase lists every phase. */
export interface BatchListQuery {
  offset: number;
  limit: number;
  phase: BatchPhase | null;
}

/** A slice of a list by position. */
export interface PageQuery {
  offset: number;
  limit: number;
}

/** A batch as fetched with its entity tag, for the next conditional request. */
export interface TaggedBatch<T extends BatchView = BatchView> {
  batch: T;
  etag: string | null;
}

/** Client for `/api/batches`; URLs are relative because the console shares the API's origin. */
@Injectable({ providedIn: 'root' })
export class BatchesApi {
  private readonly http = inject(HttpClient);

  list(query: BatchListQuery): Observable<Page<BatchView>> {
    let params = pageParams(query);
    if (query.phase) {
      params = params.set('phase', query.phase);
    }

    return this.http.get<Page<BatchView>>('/api/batches', { params });
  }

  get(batchId: string): Observable<BatchView> {
    return this.http.get<BatchView>(batchUrl(batchId));
  }

  /**
   * Fetches the batch unless it is unchanged since `etag`: then the API answers 304 with no
   * body and this emits null, so polling an idle batch costs almost nothing.
   */
  getIfChanged<T extends BatchView>(
    batchId: string,
    etag: string | null,
  ): Observable<TaggedBatch<T> | null> {
    const headers = etag ? new HttpHeaders({ 'If-None-Match': etag }) : undefined;

    return this.http.get<T>(batchUrl(batchId), { headers, observe: 'response' }).pipe(
      map((response) => ({ batch: response.body as T, etag: response.headers.get('ETag') })),
      catchError((error: unknown) =>
        // HttpClient counts only 2xx as success, so "not modified" arrives as an error.
        error instanceof HttpErrorResponse && error.status === HttpStatusCode.NotModified
          ? of(null)
          : throwError(() => error),
      ),
    );
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

  records(batchId: string, query: PageQuery): Observable<Page<RecordView>> {
    return this.http.get<Page<RecordView>>(`${batchUrl(batchId)}/records`, {
      params: pageParams(query),
    });
  }

  parseErrors(batchId: string, query: PageQuery): Observable<Page<ParseErrorView>> {
    return this.http.get<Page<ParseErrorView>>(`${batchUrl(batchId)}/errors`, {
      params: pageParams(query),
    });
  }
}

/** The URL of one batch; ids are UUIDs, encoded anyway so no id can change the path. */
export function batchUrl(batchId: string): string {
  return `/api/batches/${encodeURIComponent(batchId)}`;
}

function pageParams(query: PageQuery): HttpParams {
  return new HttpParams().set('offset', query.offset).set('limit', query.limit);
}
