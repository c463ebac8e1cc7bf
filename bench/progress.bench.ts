import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DELIVERY_BOUNDS } from '@sluice/shared';

import { ApiClient } from '../tools/testing/api-client';
import { startSluiceStack } from '../tools/testing/sluice-stack';
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
    const pairs = envInteger('BENCH_PAIRS', 4);
    const stack = await startSluiceStack();
    const receiver = await new TimingReceiver().start();
    const log = await OutcomeLog.install(stack.databaseUrl);
    const context = { stack, api: new ApiClient(stack), receiver, log, settings, csv: '' };
    try {
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
      await log.close();
      await receiver.stop();
      await stack.stop();
    }
  });
});
