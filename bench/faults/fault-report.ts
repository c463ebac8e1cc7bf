import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';

import type { BatchCheck } from './fault-checks';

/** One fault as it was injected. */
export interface FaultEvent {
  atSeconds: number;
  name: string;
  detail: string;
  /** Share of all records that had reached a receiver when the fault was injected. */
  share: number;
  batchesSending: number;
}

interface ReportInput {
  root: string;
  checks: BatchCheck[];
  timeline: FaultEvent[];
  sendingSeconds: number;
  RECORDS: number;
}

/**
 * Prints the per-batch table and the fault timeline, writes them to bench/results/ and to a
 * marked section of docs/performance.md. Returns how many invariants failed.
 */
export async function writeReport(input: ReportInput): Promise<number> {
  const { checks, timeline } = input;
  const problems = checks.flatMap((check) =>
    [...check.problems, ...runProblems(check, timeline)].map((p) => `batch ${check.number}: ${p}`),
  );
  for (const fault of timeline) {
    if (fault.batchesSending === 0) problems.push(`${fault.name} hit no sending batch`);
  }
  const lines = [...batchTable(checks), '', ...timelineTable(timeline)];
  const totalRecords = checks.reduce((sum, check) => sum + check.records, 0);
  const summary =
    `${checks.length} batches of ${input.RECORDS.toLocaleString('en')} records, ` +
    `${totalRecords.toLocaleString('en')} in all, ` +
    `settled in ${input.sendingSeconds.toFixed(0)} s ` +
    `from approval (${(totalRecords / input.sendingSeconds).toFixed(0)} records/s overall).`;
  const verdict = problems.length
    ? `**${problems.length} invariant(s) failed:**\n\n${problems.map((p) => `- ${p}`).join('\n')}`
    : '**Every invariant held.**';
  process.stdout.write(`\n${lines.join('\n')}\n\n${summary}\n${verdict}\n`);

  const date = new Date().toISOString();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${cpus().length} cores, ${cpu}, Node ${process.version}`;
  const results = join(input.root, 'bench/results');
  await mkdir(results, { recursive: true });
  const stamp = date.replace(/[:.]/g, '-');
  await writeFile(
    join(results, `faults-${stamp}.json`),
    JSON.stringify({ date, machine, checks, timeline, problems }, null, 2),
  );
  const section =
    `<!-- faults:start -->\n## Faults under load (\`npm run faults\`)\n\n` +
    `${wrap(`Measured ${date} on ${machine}; every server on loopback. ${summary}`)}\n\n` +
    `${wrap(EXPLANATION)}\n\n` +
    `${lines.join('\n')}\n\n${verdict}\n<!-- faults:end -->`;
  await writeFile(join(results, `faults-${stamp}.md`), `${section}\n`);
  await updateDoc(join(input.root, 'docs/performance.md'), section);

  return problems.length;
}

const EXPLANATION = [
  'Each batch sends to its own receiver, which misbehaves in a fixed pattern by webhook id:',
  'some records fail for good (retries exhausted, or a 4xx), the rest succeed after retries.',
  'Checked for every batch: it ended `completed` or `completed_with_failures`; every record',
  'is `succeeded` or `failed` with a reason; the batch counters equal the deliveries; the',
  'receiver answered 2xx to every succeeded delivery ("succeeded, not seen" counts those it',
  'did not); repeats carry the same webhook id and body, and no record arrived under two ids;',
  '"after a 2xx" counts repeats of an id the receiver had already accepted, the duplicates a',
  'partner sees: the worker kills and the PostgreSQL outage lose outcomes not yet saved, and',
  'those requests are sent again;',
  "the socket subscriber's counters never fell, it reconnected after the API restart, and its",
  "last snapshot holds PostgreSQL's counts.",
].join(' ');

/** Invariants that depend on the faults injected, not only on the batch. */
function runProblems(check: BatchCheck, timeline: FaultEvent[]): string[] {
  const hasApiRestart = timeline.some((fault) => fault.name.startsWith('API'));
  return hasApiRestart && check.subscriberReconnections < 1
    ? ['its subscriber never reconnected']
    : [];
}

function batchTable(checks: BatchCheck[]): string[] {
  const rows = checks.map((check) => {
    const reasons = Object.entries(check.failedByReason)
      .map(([reason, count]) => (check.failed === count ? reason : `${count} ${reason}`))
      .join('; ');
    const cells = [
      check.number,
      check.behaviour,
      check.records,
      check.succeeded,
      `${check.failed}${reasons ? ` (${reasons})` : ''}`,
      check.receiver.uniqueIds,
      check.receiver.repeatsWithSameId,
      check.receiver.repeatsAfterSuccess,
      check.receiver.recordsWithSeveralIds,
      check.succeededNotAcknowledged,
      check.eventsAgree ? 'yes' : 'NO',
    ];
    const texts = cells.map((cell) =>
      typeof cell === 'number' ? cell.toLocaleString('en') : cell,
    );
    return `| ${texts.join(' | ')} |`;
  });

  return [
    '| Batch | Receiver | Records | Succeeded | Failed, by reason | Receiver unique ids | ' +
      'Repeats, same id | Of which after a 2xx | Records under a 2nd id | ' +
      'Succeeded, not seen | Events agree |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ];
}

function timelineTable(timeline: FaultEvent[]): string[] {
  return [
    '| At (s from approval) | Records reached | Fault | Batches sending | Effect |',
    '|---|---|---|---|---|',
    ...timeline.map(
      (fault) =>
        `| ${fault.atSeconds.toFixed(1)} | ${(fault.share * 100).toFixed(0)}% | ${fault.name} | ` +
        `${fault.batchesSending} | ${fault.detail} |`,
    ),
  ];
}

/** Markdown prose wrapped at 100 columns, as the style guide asks. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > 100) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }

  return [...lines, line].join('\n');
}

async function updateDoc(path: string, section: string): Promise<void> {
  const doc = await readFile(path, 'utf8').catch(() => '# Performance\n');
  const marked = /<!-- faults:start -->[\s\S]*<!-- faults:end -->/;
  await writeFile(
    path,
    marked.test(doc) ? doc.replace(marked, section) : `${doc.trimEnd()}\n\n${section}\n`,
  );
}
