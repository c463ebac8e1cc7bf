import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import {
  ApprovalView,
  BatchConfigPatch,
  BatchView,
  EndpointConfigInput,
  ReparseRequest,
  RetryFailedRequest,
  TestRequestView,
} from '@sluice/shared';

import { batchUrl } from './batches-api';

/** What the endpoint form submits: the endpoint config, plus a pasted signing secret if any. */
export interface ApprovalRequest extends EndpointConfigInput {
  secret?: string;
}

/**
 * Operator commands on one batch. Each is a Temporal Update behind the API, so the answer is
 * the batch as it is after the command, or an error saying why the workflow refused it.
 */
@Injectable({ providedIn: 'root' })
export class BatchCommandsApi {
  private readonly http = inject(HttpClient);

  approve(batchId: string, request: ApprovalRequest): Observable<ApprovalView | BatchView> {
    return this.http.post<ApprovalView | BatchView>(`${batchUrl(batchId)}/approve`, request);
  }

  /** Reads the file again as chosen; answers the batch back in parsing, or why it cannot. */
  reparse(batchId: string, request: ReparseRequest): Observable<BatchView> {
    return this.http.post<BatchView>(`${batchUrl(batchId)}/reparse`, request);
  }

  /** Sends the first record once to the endpoint described, without approving anything. */
  testRequest(batchId: string, request: ApprovalRequest): Observable<TestRequestView> {
    return this.http.post<TestRequestView>(`${batchUrl(batchId)}/test-request`, request);
  }

  cancel(batchId: string): Observable<BatchView> {
    return this.http.post<BatchView>(`${batchUrl(batchId)}/cancel`, {});
  }

  pause(batchId: string): Observable<BatchView> {
    return this.http.post<BatchView>(`${batchUrl(batchId)}/pause`, {});
  }

  resume(batchId: string): Observable<BatchView> {
    return this.http.post<BatchView>(`${batchUrl(batchId)}/resume`, {});
  }

  updateConfig(batchId: string, patch: BatchConfigPatch): Observable<BatchView> {
    return this.http.patch<BatchView>(`${batchUrl(batchId)}/config`, patch);
  }

  retryFailed(batchId: string, request: RetryFailedRequest = {}): Observable<BatchView> {
    return this.http.post<BatchView>(`${batchUrl(batchId)}/retry-failed`, request);
  }
}

/** Whether an approval answer carries the signing secret (shown to the operator once). */
export function hasSecret(view: ApprovalView | BatchView): view is ApprovalView {
  return typeof (view as Partial<ApprovalView>).secret === 'string';
}
