import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Client, Connection } from '@temporalio/client';

import { allWorkflowHistories, findNeedles, type Needle } from './secret-scan';

/**
 * Marks every test's secrets and records share, whatever the test: signing secrets start with
 * `whsec_`, Authorization values with `Bearer `, and the fixtures' record e-mail addresses end
 * in `@example.test`. None of them may reach a workflow history.
 */
const SUITE_NEEDLES: Needle[] = [
  { label: 'a signing secret (whsec_)', value: 'whsec_' },
  { label: 'an Authorization value (Bearer)', value: 'Bearer ' },
  { label: 'a record value (@example.test)', value: '@example.test' },
];

/**
 * After the whole integration run, reads the full history of every workflow the run left on its
 * Temporal dev server and lists what it found. The result also goes to `resultsDir` (when it
 * exists) as one line that `scripts/lib/summarize-tests.mjs` counts as a test.
 */
export async function scanSuiteHistories(address: string, resultsDir: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const histories = await allWorkflowHistories(new Client({ connection }));
    const findings = findNeedles(histories, SUITE_NEEDLES);
    const summary = findings.length
      ? `FAIL history scan of ${histories.length} workflow runs: ${findings.join('; ')}`
      : `ok   history scan of ${histories.length} workflow runs: no secret or record value`;
    if (existsSync(resultsDir)) await writeFile(join(resultsDir, 'history-scan.txt'), summary);

    return findings;
  } finally {
    await connection.close();
  }
}
