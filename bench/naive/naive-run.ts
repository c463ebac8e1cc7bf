import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { Pool as PgPool } from 'pg';
import { Pool } from 'undici';

import type { WebhookReceiver } from '../../tools/testing/webhook-receiver';
import type { NaiveActivities } from './naive.workflow';

/**
 * (c) of the benchmark: the naive design, one activity per record (read it, post it), run by
 * its own worker against the records of a Sluice batch. Answers records per second.
 */
export async function runNaive(
  root: string,
  concurrency: number,
  env: Record<string, string>,
  databaseUrl: string,
  address: string,
  receiver: WebhookReceiver,
  count: number,
): Promise<number> {
  // The records come from a Sluice batch in PostgreSQL, as the naive design would read them.
  const pg = new PgPool({ connectionString: databaseUrl, max: 8 });
  const { rows } = await pg.query(
    `SELECT batch_id FROM records GROUP BY batch_id HAVING count(*) >= $1 LIMIT 1`,
    [count],
  );
  const batchId = rows[0].batch_id as string;
  const http = new Pool(new URL(receiver.url).origin, { connections: concurrency });
  const activities: NaiveActivities = {
    async postRecord({ batchId: id, seq }) {
      const record = await pg.query(`SELECT fields FROM records WHERE batch_id = $1 AND seq = $2`, [
        id,
        seq,
      ]);
      const response = await http.request({
        path: '/hooks',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': `naive-${seq}` },
        body: JSON.stringify(record.rows[0].fields),
      });
      await response.body.dump();
    },
  };
  const bundlePath = join(env['SLUICE_DATA_DIR'], '..', 'naive-bundle.js');
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(root, 'bench/naive/naive.workflow.ts'),
  });
  await writeFile(bundlePath, code);
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue: 'bench-naive',
    workflowBundle: { codePath: bundlePath },
    activities,
    maxConcurrentActivityTaskExecutions: concurrency,
  });
  const client = new Client({ connection: await Connection.connect({ address }) });
  const started = performance.now();
  await worker.runUntil(async () => {
    // Runs of 1,000 records: one run of 10,000 activities would pass Temporal's history limits.
    for (let from = 1; from <= count; from += 1_000) {
      await client.workflow.execute('naivePerRecordWorkflow', {
        taskQueue: 'bench-naive',
        workflowId: `naive-${from}-${randomBytes(3).toString('hex')}`,
        args: [
          { batchId, fromSeq: from, toSeq: Math.min(from + 999, count), concurrency: concurrency },
        ],
      });
    }
  });
  const perSecond = count / ((performance.now() - started) / 1_000);
  await http.close();
  await pg.end();
  await client.connection.close();
  await connection.close();

  return perSecond;
}
