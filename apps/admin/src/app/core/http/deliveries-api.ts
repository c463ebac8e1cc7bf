import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { DeliveryDetailView, DeliveryStatus, DeliveryView, Page } from '@sluice/shared';

import { PageQuery, batchUrl } from './batches-api';

/** What the deliveries table asks for; a null status lists every status. */
export interface DeliveryListQuery extends PageQuery {
  status: DeliveryStatus | null;
}

/** Client for the deliveries of a batch, their attempts, and the failed records export. */
@Injectable({ providedIn: 'root' })
export class DeliveriesApi {
  private readonly http = inject(HttpClient);

  list(batchId: string, query: DeliveryListQuery): Observable<Page<DeliveryView>> {
    let params = new HttpParams().set('offset', query.offset).set('limit', query.limit);
    if (query.status) {
      params = params.set('status', query.status);
    }

    return this.http.get<Page<DeliveryView>>(`${batchUrl(batchId)}/deliveries`, { params });
  }

  get(deliveryId: string): Observable<DeliveryDetailView> {
    return this.http.get<DeliveryDetailView>(`/api/deliveries/${encodeURIComponent(deliveryId)}`);
  }

  /**
   * The failed records as CSV. Fetched rather than linked because the API wants the bearer
   * token, which a plain link cannot carry.
   */
  failedCsv(batchId: string): Observable<Blob> {
    return this.http.get(`${batchUrl(batchId)}/failed.csv`, { responseType: 'blob' });
  }
}
