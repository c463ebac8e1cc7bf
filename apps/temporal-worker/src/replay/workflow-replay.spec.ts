import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { Worker, type ReplayResult } from '@temporalio/worker';

import { buildWorkflowBundle } from '../bundle-workflows';
import { historyFromJson } from './history-json';

const workspaceRoot = resolve(__dirname, '../../../..');
const HISTORIES_DIR = join(workspaceRoot, 'libs/workflows/test/histories');
/** Paths the fixtures must cover; `npm run record-histories` records them all. */
const SCENARIOS = [
  'completed',
  'paused-resumed',
  'cancelled-awaiting-approval',
  'cancelled-sending',
  'retry-failed',
  'continued-as-new',
];

// Histories recorded from real runs (`npm run record-histories`), replayed against the workflow
// code as it is now: a change that would break running batches fails here, with no server.
describe('replay of recorded batch workflow histories', () => {
  let bundleDir: string;
  let results: ReplayResult[];
  let files: string[];

  beforeAll(async () => {
    bundleDir = await mkdtemp(join(tmpdir(), 'sluice-replay-'));
    const bundlePath = join(bundleDir, 'workflow-bundle.js');
    await buildWorkflowBundle(bundlePath, workspaceRoot);
    // Subfolders keep the histories of earlier releases while runs of them may still be open.
    const entries = await readdir(HISTORIES_DIR, { recursive: true });
    files = entries.filter((file) => file.endsWith('.json')).sort();
    const histories = await Promise.all(
      files.map(async (file) => ({
        workflowId: file.replace(/\.json$/, ''),
        history: historyFromJson(JSON.parse(await readFile(join(HISTORIES_DIR, file), 'utf8'))),
      })),
    );
    results = [];
    const replay = Worker.runReplayHistories(
      { workflowBundle: { codePath: bundlePath } },
      histories,
    );
    for await (const result of replay) results.push(result);
  }, 120_000);

  afterAll(() => rm(bundleDir, { recursive: true, force: true }));

  it('has a recorded history for every main path, continue-as-new with several runs', () => {
    const current = files.filter((file) => !file.includes('/'));
    const recorded = new Set(current.map((file) => file.split('.')[0]));

    expect([...recorded].sort()).toEqual([...SCENARIOS].sort());
    expect(
      current.filter((file) => file.startsWith('continued-as-new.run-')).length,
    ).toBeGreaterThan(1);
    expect(current.filter((file) => file.startsWith('retry-failed.run-')).length).toBe(2);
  });

  it('replays every history without a nondeterminism error', () => {
    const failures = results
      .filter((result) => result.error)
      .map((result) => `${result.workflowId}: ${result.error?.message}`);

    expect(results).toHaveLength(files.length);
    expect(failures).toEqual([]);
  });
});
