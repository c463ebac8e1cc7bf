import type { Client } from '@temporalio/client';

/** A text to search, named for the report: a log, a workflow history, an API answer. */
export interface ScanSource {
  name: string;
  text: string;
}

/** A value that must appear nowhere, named for the report. */
export interface Needle {
  label: string;
  value: string;
}

/** Where each needle was found, as `label in source`; empty when the sources are clean. */
export function findNeedles(sources: ScanSource[], needles: Needle[]): string[] {
  return sources.flatMap((source) =>
    needles
      .filter((needle) => source.text.includes(needle.value))
      .map((needle) => `${needle.label} in ${source.name}`),
  );
}

/**
 * JSON with every payload decoded as UTF-8, so a search sees inputs, results, heartbeats,
 * failures' details, search attributes and memos as the Temporal Web UI shows them. A fetched
 * history carries payload bytes as base64 in `data` fields (the protobuf JSON form); raw bytes
 * (Uint8Array or Buffer) are decoded too, in case a history arrives in that form.
 */
export function decodedJson(value: unknown): string {
  return JSON.stringify(value, (key, field: unknown) => {
    if (key === 'data' && typeof field === 'string') return fromBase64(field);
    if (field instanceof Uint8Array) return Buffer.from(field).toString('utf8');
    if (isSerialisedBuffer(field)) return Buffer.from(field.data).toString('utf8');
    return field;
  });
}

function fromBase64(text: string): string {
  const isBase64 = /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0;

  return isBase64 ? Buffer.from(text, 'base64').toString('utf8') : text;
}

function isSerialisedBuffer(field: unknown): field is { type: 'Buffer'; data: number[] } {
  const candidate = field as { type?: unknown; data?: unknown } | null;

  return candidate?.type === 'Buffer' && Array.isArray(candidate.data);
}

/**
 * The full history of every workflow run the server keeps in the client's namespace, open or
 * closed, of this test file or any other, each decoded by {@link decodedJson}.
 */
export async function allWorkflowHistories(client: Client): Promise<ScanSource[]> {
  const sources: ScanSource[] = [];
  for await (const execution of client.workflow.list()) {
    const handle = client.workflow.getHandle(execution.workflowId, execution.runId);
    const history = await handle.fetchHistory();
    sources.push({
      name: `history of ${execution.workflowId} (run ${execution.runId})`,
      text: decodedJson(history),
    });
  }

  return sources;
}
