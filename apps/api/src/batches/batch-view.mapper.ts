import type { BatchEntity, EndpointConfigEntity } from '@sluice/persistence';
import {
  batchWorkflowId,
  temporalWorkflowUrl,
  type BatchView,
  type EndpointView,
} from '@sluice/shared';

/** Where the Temporal Web UI lives, for deep links. */
export interface TemporalLinkSettings {
  uiUrl: string;
  namespace: string;
}

/** Shapes a stored batch for the API: counts, milestones and a link, never header values. */
export function toBatchView(
  batch: BatchEntity,
  endpoint: EndpointConfigEntity | null,
  temporal: TemporalLinkSettings,
): BatchView {
  const workflowId = batchWorkflowId(batch.id);
  const finished = batch.succeededCount + batch.failedCount;

  return {
    id: batch.id,
    fileName: batch.fileName,
    fileSizeBytes: batch.fileSizeBytes,
    phase: batch.phase,
    reason: batch.reason,
    counts: {
      records: batch.recordCount,
      parseErrors: batch.parseErrorCount,
      succeeded: batch.succeededCount,
      failed: batch.failedCount,
      pending: Math.max(0, batch.recordCount - finished),
    },
    format: batch.format,
    endpoint: endpoint ? toEndpointView(batch, endpoint) : null,
    createdAt: batch.createdAt.toISOString(),
    updatedAt: batch.updatedAt.toISOString(),
    parsedAt: batch.parsedAt?.toISOString() ?? null,
    approvedAt: batch.approvedAt?.toISOString() ?? null,
    completedAt: batch.completedAt?.toISOString() ?? null,
    workflowId,
    temporalUrl: temporalWorkflowUrl(temporal.uiUrl, temporal.namespace, workflowId),
  };
}

function toEndpointView(batch: BatchEntity, endpoint: EndpointConfigEntity): EndpointView {
  // The live rate and concurrency an operator may have changed since approval win.
  return {
    ...endpoint.settings,
    ratePerSecond: batch.ratePerSecond ?? endpoint.settings.ratePerSecond,
    concurrency: batch.concurrency ?? endpoint.settings.concurrency,
    recordsPerRequest: batch.recordsPerRequest ?? endpoint.settings.recordsPerRequest,
    url: withoutQueryValues(endpoint.url),
    headerNames: endpoint.headerNames,
  };
}

/** Query strings often carry tokens; operators see that one exists, not what it holds. */
function withoutQueryValues(url: string): string {
  const queryStart = url.indexOf('?');

  return queryStart === -1 ? url : `${url.slice(0, queryStart)}?…`;
}
