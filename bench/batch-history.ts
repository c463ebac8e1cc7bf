import { Client, Connection } from '@temporalio/client';

/** What the histories of every run of one batch's workflow show. */
export interface BatchHistoryFigures {
  /** Events in the longest run (continue-as-new makes several runs). */
  maxHistoryEvents: number;
  /** Payloads, in all runs, that contain any of the record values searched for. */
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
      for (const text of payloadTexts(events)) {
        if (recordValues.some((value) => text.includes(value))) figures.historyRecordDataHits += 1;
      }
    }
  } finally {
    await connection.close();
  }

  return figures;
}

/** Every payload's bytes as text, wherever it sits in the events. */
function* payloadTexts(value: unknown): Generator<string> {
  if (value instanceof Uint8Array) {
    yield Buffer.from(value).toString('utf8');
  } else if (Array.isArray(value)) {
    for (const item of value) yield* payloadTexts(item);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) yield* payloadTexts(item);
  } else if (typeof value === 'string') {
    yield value;
  }
}
