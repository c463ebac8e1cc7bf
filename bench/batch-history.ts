import { Client, Connection } from '@temporalio/client';

import { decodedJson } from '../tools/testing/secret-scan';

/** What the histories of every run of one batch's workflow show. */
export interface BatchHistoryFigures {
  /** Events in the longest run (continue-as-new makes several runs). */
  maxHistoryEvents: number;
  /** Runs whose history, payloads decoded, contains any of the record values searched for. */
  historyRecordDataHits: number;
}

/**
 * Reads the history of every run of `batch-<id>` and counts payloads that hold record data:
 * the design keeps records in PostgreSQL and only ranges and settings in history.
 */
export async function readBatchHistory(
  address: string,
  batchId: string,
  recordValues: string[],
): Promise<BatchHistoryFigures> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const figures: BatchHistoryFigures = { maxHistoryEvents: 0, historyRecordDataHits: 0 };
  try {
    for await (const run of client.workflow.list({ query: `WorkflowId = 'batch-${batchId}'` })) {
      const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
      const events = history.events ?? [];
      figures.maxHistoryEvents = Math.max(figures.maxHistoryEvents, events.length);
      const text = decodedJson(history);
      // The input names the batch: if the decoded text does not show it, the search is blind.
      if (!text.includes(batchId)) throw new Error('Workflow history payloads were not decoded');
      if (recordValues.some((value) => text.includes(value))) figures.historyRecordDataHits += 1;
    }
  } finally {
    await connection.close();
  }

  return figures;
}
