/** Task queue served by every Sluice worker. */
export const BATCH_TASK_QUEUE = 'sluice-batches';

/** Custom search attributes registered on the Temporal namespace (both Keyword). */
export const SEARCH_ATTRIBUTE_NAMES = { batchId: 'BatchId', batchPhase: 'BatchPhase' } as const;

/** The workflow id of a batch: derived from the business id, never random. */
export function batchWorkflowId(batchId: string): string {
  return `batch-${batchId}`;
}

/** Deep link to a workflow in the Temporal Web UI; it redirects to the latest run. */
export function temporalWorkflowUrl(uiBaseUrl: string, namespace: string, workflowId: string) {
  const base = uiBaseUrl.replace(/\/+$/, '');
  const path = `namespaces/${encodeURIComponent(namespace)}/workflows`;

  return `${base}/${path}/${encodeURIComponent(workflowId)}`;
}
