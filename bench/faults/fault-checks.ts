import type { Client as PgClient } from 'pg';

import { isTerminalPhase, type BatchSnapshot } from '@sluice/shared';

import type { RealtimeClient } from '../../tools/testing/realtime-client';
import type { WebhookReceiver } from '../../tools/testing/webhook-receiver';
import type { LedgerFigures, ReceiverLedger } from './receiver-ledger';

/** One batch of the run with what watched it. */
export interface FaultBatch {
  number: number;
  batchId: string;
  behaviour: string;
  receiver: WebhookReceiver;
  ledger: ReceiverLedger;
  subscriber: RealtimeClient;
}

/** The figures and broken invariants of one batch after the run. */
export interface BatchCheck {
  number: number;
  behaviour: string;
  phase: string;
  records: number;
  succeeded: number;
  failed: number;
  failedByReason: Record<string, number>;
  receiver: LedgerFigures;
  /** Succeeded deliveries the receiver never answered 2xx to: must be none. */
  succeededNotAcknowledged: number;
  subscriberReconnections: number;
  eventsAgree: boolean;
  problems: string[];
}

/** Checks PostgreSQL, the receiver and the subscriber of one batch against each other. */
export async function checkBatch(db: PgClient, batch: FaultBatch): Promise<BatchCheck> {
  const problems: string[] = [];
  const { rows: batchRows } = await db.query(
    `SELECT phase, succeeded_count, failed_count,
       (SELECT count(*)::int FROM records WHERE batch_id = $1) AS records
     FROM batches WHERE id = $1`,
    [batch.batchId],
  );
  const row = batchRows[0];
  const byStatus = await countByStatus(db, batch.batchId);
  const failedByReason = await failureReasons(db, batch.batchId);
  const { rows: succeededRows } = await db.query(
    `SELECT id FROM deliveries WHERE batch_id = $1 AND status = 'succeeded'`,
    [batch.batchId],
  );
  const notAcknowledged = succeededRows.filter(
    (delivery) => !batch.receiver.acknowledged.has(delivery.id),
  ).length;
  const receiver = batch.ledger.figures();

  if (!['completed', 'completed_with_failures'].includes(row.phase)) {
    problems.push(`batch ended ${row.phase}`);
  }
  const settled = byStatus['succeeded'] + byStatus['failed'];
  if (settled !== row.records) problems.push(`${row.records - settled} records not settled`);
  if (failedByReason['(no reason)']) problems.push('failed deliveries without a reason');
  if (row.succeeded_count !== byStatus['succeeded'] || row.failed_count !== byStatus['failed']) {
    problems.push('batch counters differ from the deliveries');
  }
  if (notAcknowledged > 0) problems.push(`${notAcknowledged} succeeded but not acknowledged`);
  if (receiver.idsWithChangedBody > 0) problems.push('a webhook id was sent with two bodies');
  if (receiver.recordsWithSeveralIds > 0) problems.push('a record was sent under two ids');
  const events = checkEvents(batch.subscriber, {
    succeeded: byStatus['succeeded'],
    failed: byStatus['failed'],
  });
  problems.push(...events);

  return {
    number: batch.number,
    behaviour: batch.behaviour,
    phase: row.phase,
    records: row.records,
    succeeded: byStatus['succeeded'],
    failed: byStatus['failed'],
    failedByReason,
    receiver,
    succeededNotAcknowledged: notAcknowledged,
    subscriberReconnections: batch.subscriber.reconnectionCount,
    eventsAgree: events.length === 0,
    problems,
  };
}

async function countByStatus(db: PgClient, batchId: string): Promise<Record<string, number>> {
  const { rows } = await db.query(
    `SELECT status, count(*)::int AS count FROM deliveries WHERE batch_id = $1 GROUP BY status`,
    [batchId],
  );
  const counts: Record<string, number> = { pending: 0, in_flight: 0, succeeded: 0, failed: 0 };
  for (const { status, count } of rows) counts[status] = count;

  return counts;
}

async function failureReasons(db: PgClient, batchId: string): Promise<Record<string, number>> {
  const { rows } = await db.query(
    `SELECT coalesce(last_error_message, '(no reason)') AS reason, count(*)::int AS count
     FROM deliveries WHERE batch_id = $1 AND status = 'failed' GROUP BY 1 ORDER BY 2 DESC`,
    [batchId],
  );

  return Object.fromEntries(rows.map((reason) => [reason.reason, reason.count]));
}

/**
 * The subscriber's messages in order: counters never fall, the last snapshot is terminal and
 * holds PostgreSQL's counts. Returns what is wrong.
 */
function checkEvents(
  subscriber: RealtimeClient,
  stored: { succeeded: number; failed: number },
): string[] {
  const snapshots: BatchSnapshot[] = subscriber.received
    .map((message) => message.payload?.snapshot as BatchSnapshot | undefined)
    .filter((snapshot): snapshot is BatchSnapshot => snapshot !== undefined);
  const problems: string[] = [];
  let sent = 0;
  let failed = 0;
  for (const { progress } of snapshots) {
    if (progress.stage !== 'sending') continue;
    if (progress.sent < sent || progress.failed < failed) problems.push('counters fell');
    sent = Math.max(sent, progress.sent);
    failed = Math.max(failed, progress.failed);
  }
  const last = snapshots.at(-1);
  if (!last || !isTerminalPhase(last.phase)) problems.push('no final event');
  else if (last.counts.succeeded !== stored.succeeded || last.counts.failed !== stored.failed) {
    problems.push('final event differs from PostgreSQL');
  }

  return [...new Set(problems)];
}
