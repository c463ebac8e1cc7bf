import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** What one benchmark run measured; a figure is null when it could not be taken. */
export type DeliveryFigures = Record<string, number | null>;

/** How many records each part of the run used, for the table's labels. */
export interface DeliveryRunSizes {
  send: number;
  naive: number;
  parse: number;
  rounds: number;
}

const SECTION = /<!-- delivery-bench:start -->[\s\S]*<!-- delivery-bench:end -->/;

/**
 * Prints the figures with their ratios and aims, writes them to bench/results/ and replaces the
 * delivery section of docs/performance.md.
 */
export async function reportDelivery(
  root: string,
  results: DeliveryFigures,
  sizes: DeliveryRunSizes,
): Promise<void> {
  const figures = withRatios(results);
  const date = new Date().toISOString();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${cpus().length} cores, ${cpu}, Node ${process.version}`;
  const lines = tableLines(figures, sizes);
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  await mkdir(join(root, 'bench/results'), { recursive: true });
  await writeFile(
    join(root, `bench/results/${date.replace(/[:.]/g, '-')}.json`),
    JSON.stringify({ date, machine, sizes, figures }, null, 2),
  );
  const docPath = join(root, 'docs/performance.md');
  const doc = await readFile(docPath, 'utf8').catch(() => '# Performance\n');
  const section = [
    '<!-- delivery-bench:start -->',
    '## Delivery and parsing (`npm run bench`)',
    '',
    `Measured ${date} on ${machine}; every server on loopback.`,
    '',
    ...lines,
    '<!-- delivery-bench:end -->',
  ].join('\n');
  const updated = SECTION.test(doc)
    ? doc.replace(SECTION, section)
    : `${doc.trimEnd()}\n\n${section}\n`;
  await writeFile(docPath, updated);
}

function withRatios(results: DeliveryFigures): DeliveryFigures {
  const ratio = (a: string, b: string) =>
    results[a] && results[b] ? (results[a] as number) / (results[b] as number) : null;

  return {
    ...results,
    ratioSluiceToBare: ratio('sluicePerSecond', 'bareUndiciPerSecond'),
    ratioSluiceToNaive: ratio('sluicePerSecond', 'naivePerSecond'),
    ratioParseToRaw: ratio('sluiceParsePerSecond', 'csvParsePerSecond'),
    ratioUploadAndParseToRaw: ratio('sluiceUploadAndParsePerSecond', 'csvParsePerSecond'),
  };
}

function tableLines(figures: DeliveryFigures, sizes: DeliveryRunSizes): string[] {
  const count = (value: number) => value.toLocaleString('en');
  const rows: [string, string, string][] = [
    [
      `(a) bare undici loop, ${count(sizes.send)} requests, records/s, median of ${sizes.rounds}`,
      'bareUndiciPerSecond',
      '',
    ],
    [
      `(b) Sluice end to end, ${count(sizes.send)} records, no rate limit, records/s, median`,
      'sluicePerSecond',
      '',
    ],
    ['(b) from approval to the first request, ms, median', 'firstRequestMs', ''],
    ['(b) worker CPU per record, µs, median', 'workerCpuMicrosPerRecord', ''],
    [
      `(c) naive, one activity per record, ${count(sizes.naive)} records, records/s`,
      'naivePerSecond',
      '',
    ],
    ['b / a (of the medians)', 'ratioSluiceToBare', '≥ 0.5'],
    ['b / a, lowest and highest round', 'roundRatios', ''],
    ['b / c', 'ratioSluiceToNaive', '≥ 10'],
    [`csv-parse alone, ${count(sizes.parse)} rows, rows/s, best of 3`, 'csvParsePerSecond', ''],
    [
      'Sluice parse into PostgreSQL (file stored to preview), rows/s, best of 3',
      'sluiceParsePerSecond',
      '',
    ],
    ['parse / raw', 'ratioParseToRaw', '≥ 0.4'],
    ['upload of the file (streamed to storage), s', 'uploadSeconds', ''],
    ['Sluice upload and parse (upload to preview), rows/s', 'sluiceUploadAndParsePerSecond', ''],
    ['upload and parse / raw', 'ratioUploadAndParseToRaw', ''],
    ['most history events in one run of (b)', 'maxHistoryEvents', '< 10,000'],
    ['runs of (b) whose history holds record data', 'historyRecordDataHits', '0'],
    ['API peak RSS, MB', 'apiPeakRssMb', '< 300'],
    ['worker peak RSS, MB', 'workerPeakRssMb', '< 300'],
  ];

  return [
    '| Figure | Value | Aim |',
    '|---|---|---|',
    ...rows.map(([label, key, aim]) => `| ${label} | ${cell(figures, key)} | ${aim} |`),
  ];
}

function cell(figures: DeliveryFigures, key: string): string {
  if (key !== 'roundRatios') return round(figures[key]);

  return `${round(figures['lowestRoundRatio'])} to ${round(figures['highestRoundRatio'])}`;
}

function round(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  if (Number.isInteger(value)) return value.toLocaleString('en');

  return value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(2);
}
