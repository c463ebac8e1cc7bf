import type { BatchPhase } from '../domain/batch-phase';
import type { DeliverySettings, FieldIssue } from '../domain/endpoint-config';
import type { DeliveryStatus } from '../domain/delivery-status';
import type { FileDelimiter, FileEncoding } from '../domain/file-format';
import type { ErrorCode } from '../errors/error-codes';

/** Body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  correlationId?: string;
  issues?: FieldIssue[];
}

/** One page of a list, newest first unless stated otherwise. */
export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

/** Counters of a batch, read from PostgreSQL. */
export interface BatchCounts {
  records: number;
  parseErrors: number;
  succeeded: number;
  failed: number;
  pending: number;
}

/** The endpoint a batch was approved for, as shown to operators: header values hidden. */
export interface EndpointView extends DeliverySettings {
  url: string;
  headerNames: string[];
}

/** What the CSV looked like to the parser: detected, or as an operator chose to re-read it. */
export interface FileFormat {
  delimiter: FileDelimiter;
  encoding: FileEncoding;
  columns: string[];
}

/** A batch as the API returns it. */
export interface BatchView {
  id: string;
  fileName: string;
  fileSizeBytes: number;
  phase: BatchPhase;
  /** Why the batch failed or was cancelled, in plain words; null otherwise. */
  reason: string | null;
  counts: BatchCounts;
  format: FileFormat | null;
  endpoint: EndpointView | null;
  createdAt: string;
  updatedAt: string;
  parsedAt: string | null;
  approvedAt: string | null;
  completedAt: string | null;
  workflowId: string;
  temporalUrl: string;
}

/** One record of the preview, keyed by the CSV header. */
export interface RecordView {
  seq: number;
  lineNumber: number;
  values: Record<string, string>;
}

/** A row that could not become a record. */
export interface ParseErrorView {
  lineNumber: number;
  columnNumber: number | null;
  code: string;
  message: string;
}

/** One delivery with its latest outcome. */
export interface DeliveryView {
  id: string;
  recordSeq: number;
  lineNumber: number;
  status: DeliveryStatus;
  attemptCount: number;
  lastStatusCode: number | null;
  lastErrorCode: string | null;
  completedAt: string | null;
}

/** One HTTP request made for a delivery. */
export interface AttemptView {
  attemptNumber: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  /** Null when the attempt succeeded. */
  errorCode: string | null;
  /** The first kilobyte of the endpoint's answer. */
  responseExcerpt: string | null;
}

/** A delivery with every attempt made for it; `id` is the `webhook-id` the endpoint saw. */
export interface DeliveryDetailView extends DeliveryView {
  batchId: string;
  lastErrorMessage: string | null;
  attempts: AttemptView[];
}

/** Settings of a running batch an operator may change (`PATCH /api/batches/:id/config`). */
export interface BatchConfigPatch {
  ratePerSecond?: number;
  concurrency?: number;
  recordsPerRequest?: number;
}

/** Body of `POST /api/batches/:id/retry-failed`; no codes means every failed delivery. */
export interface RetryFailedRequest {
  errorCodes?: string[];
}

/** Answer to an approval: the batch, and the signing secret, shown this once only. */
export interface ApprovalView extends BatchView {
  secret: string;
}

/** Answer to `POST /api/batches/:id/test-request`: the first record sent once, not recorded. */
export interface TestRequestView {
  statusCode: number | null;
  errorCode: string | null;
  durationMs: number;
  responseExcerpt: string | null;
}
