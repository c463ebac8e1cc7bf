import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DELIVERY_BOUNDS } from '@sluice/shared';

import { ApiClient } from '../tools/testing/api-client';
import { ApiProcess } from '../tools/testing/api-process';
import { startSluiceStack } from '../tools/testing/sluice-stack';
import { WorkerProcess } from '../tools/testing/worker-process';
import { OutcomeLog } from './outcome-log';
import { progressReport, summarize } from './progress-report';
import { runBatch, type RunResult } from './progress-run';
import { TimingReceiver } from './timing-receiver';

const root = join(__dirname, '..');
const REPORT_PATH = join(root, 'docs', 'performance.md');
const SECTION_START = '<!-- bench:progress:start -->';
const SECTION_END = '<!-- bench:progress:end -->';

function envInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);

  return value;
}

function peopleCsv(count: number): string {
  const lines = Array.from({ length: count }, (_, index) => {
    const id = index + 1;
    return `${id},Person ${id},person-${id}@example.test,note ${id}`;
  });

  return `id,name,email,note\n${lines.join('\n')}\n`;
}

/** Replaces this benchmark's section of docs/performance.md, keeping any other section. */
async function writeReport(section: string): Promise<void> {
  const current = await readFile(REPORT_PATH, 'utf8').catch(() => '# Performance\n');
  const marked = `${SECTION_START}\n${section}${SECTION_END}\n`;
  const start = current.indexOf(SECTION_START);
  const end = current.indexOf(SECTION_END);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + marked + current.slice(end + SECTION_END.length + 1)
      : `${current.trimEnd()}\n\n${marked}`;
  // Formatted as `npm run format:check` expects, so a fresh report passes the checks.
  const prettier = await import('prettier');
  const options = await prettier.resolveConfig(REPORT_PATH);
  await writeFile(REPORT_PATH, await prettier.format(next, { ...options, filepath: REPORT_PATH }));
}

describe('live progress benchmark', () => {
  it('measures time to a subscriber and the cost of subscribers to throughput', async () => {
    const settings = {
      records: envInteger('BENCH_RECORDS', 100_000),
      // The top of the range: the machine, not the rate limit, must set the pace, or a cost
      // of subscribers could hide under the limit.
      ratePerSecond: DELIVERY_BOUNDS.ratePerSecond.max,
      concurrency: 32,
      subscribers: envInteger('BENCH_SUBSCRIBERS', 200),
    };
    const pairs = envInteger('BENCH_PAIRS', 6);
    // Laid out as deployed (docker-compose.yml): the API and two workers, each its own process,
    // so what subscribers cost the API is not taken from a worker's event loop. The stack's
    // in-process API only migrates the database and stays idle.
    const stack = await startSluiceStack({ inProcessWorker: false });
    const workers: WorkerProcess[] = [];
    let apiProcess: ApiProcess | undefined;
    const receiver = await new TimingReceiver().start();
    const log = await OutcomeLog.install(stack.databaseUrl);
    try {
      for (let index = 0; index < envInteger('BENCH_WORKERS', 2); index += 1) {
        workers.push(await WorkerProcess.start(stack.workerEnv));
      }
      apiProcess = await ApiProcess.start(stack.workerEnv, stack.token);
      const endpoint = { apiUrl: apiProcess.apiUrl, token: stack.token };
      const pids = { api: apiProcess.pid, workers: workers.map((worker) => worker.pid) };
      const context = {
        endpoint,
        pids,
        api: new ApiClient(endpoint),
        receiver,
        log,
        settings,
        csv: '',
      };
      // A batch first that no figure counts: JIT warm-up and first connections happen there.
      await runBatch({ ...context, csv: peopleCsv(10_000) }, 0);
      const results: RunResult[] = [];
      for (let pair = 0; pair < pairs; pair += 1) {
        const order = pair % 2 === 0 ? [0, settings.subscribers] : [settings.subscribers, 0];
        for (const subscribers of order) {
          const result = await runBatch(
            { ...context, csv: peopleCsv(settings.records) },
            subscribers,
          );
          process.stdout.write(
            `run ${results.length + 1}: ${subscribers} subscribers, ` +
              `${Math.round(result.throughputPerSecond)} req/s\n`,
          );
          results.push(result);
        }
      }
      const summary = summarize(results);
      const section = progressReport(results, summary, {
        ...settings,
        workers: workers.length,
        postgres: await log.serverVersion(),
      });
      await writeReport(section);
      await mkdir(join(root, 'bench', 'results'), { recursive: true });
      await writeFile(
        join(root, 'bench', 'results', `progress-${Date.now()}.json`),
        JSON.stringify({ settings, summary, results }, null, 2),
      );
      process.stdout.write(`\n${section}\n`);

      expect(summary.latencySamples).toBeGreaterThan(0);
    } finally {
      await apiProcess?.kill('SIGTERM');
      for (const worker of workers) await worker.kill('SIGTERM');
      await log.close();
      await receiver.stop();
      await stack.stop();
    }
  });
});
