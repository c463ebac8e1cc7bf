import { cpus, release, totalmem, type } from 'node:os';

import type { ProcessCpu, RunResult, RunSettings } from './progress-run';

/** Throughputs of the runs of one arm, in requests per second. */
export interface ArmThroughput {
  mean: number;
  median: number;
  min: number;
  max: number;
}

export interface Summary {
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyMaxMs: number;
  latencySamples: number;
  without: ArmThroughput;
  watched: ArmThroughput;
  /** Throughput with subscribers over throughput without; 0.97 is a 3 % slowdown. */
  throughputRatio: number;
  /** The same ratio within each pair of neighbouring runs, which drift moves least. */
  pairRatios: number[];
  /** CPU milliseconds per 1,000 requests by process, mean of each arm's runs. */
  cpuWithout: ProcessCpu;
  cpuWatched: ProcessCpu;
}

const CPU_KEYS = ['api', 'workers', 'postgres', 'receiver', 'subscribers'] as const;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function cpuPerThousand(results: RunResult[]): ProcessCpu {
  const mean = (key: (typeof CPU_KEYS)[number]) =>
    results.reduce((sum, result) => sum + (result.cpu[key] * 1e6) / result.requests, 0) /
    results.length;

  return {
    api: mean('api'),
    workers: mean('workers'),
    postgres: mean('postgres'),
    receiver: mean('receiver'),
    subscribers: mean('subscribers'),
  };
}

/** Runs go in pairs (ABBA order); each pair's watched throughput over its unwatched one. */
function pairRatios(results: RunResult[]): number[] {
  const ratios: number[] = [];
  for (let index = 0; index + 1 < results.length; index += 2) {
    const pair = [results[index], results[index + 1]];
    const watched = pair.find((result) => result.subscribers > 0);
    const without = pair.find((result) => result.subscribers === 0);
    if (watched && without) ratios.push(watched.throughputPerSecond / without.throughputPerSecond);
  }

  return ratios;
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);

  return sorted[Math.max(0, index)];
}

function armThroughput(results: RunResult[]): ArmThroughput {
  const values = results.map((result) => result.throughputPerSecond).sort((a, b) => a - b);

  return {
    mean: values.reduce((sum, value) => sum + value, 0) / values.length,
    median: median(values),
    min: values[0],
    max: values[values.length - 1],
  };
}

export function summarize(results: RunResult[]): Summary {
  const watchedRuns = results.filter((result) => result.subscribers > 0);
  const latencies = watchedRuns.flatMap((result) => result.latenciesMs);
  const withoutRuns = results.filter((result) => result.subscribers === 0);
  const without = armThroughput(withoutRuns);
  const watched = armThroughput(watchedRuns);

  return {
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP95Ms: percentile(latencies, 0.95),
    latencyMaxMs: latencies.reduce((max, value) => Math.max(max, value), 0),
    latencySamples: latencies.length,
    without,
    watched,
    throughputRatio: watched.mean / without.mean,
    pairRatios: pairRatios(results),
    cpuWithout: cpuPerThousand(withoutRuns),
    cpuWatched: cpuPerThousand(watchedRuns),
  };
}

/** Wraps prose at 100 columns, as the rest of the docs are. */
function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }

  return [...lines, line].join('\n');
}

const row = (...cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const round = (value: number) => Math.round(value).toLocaleString('en-US');

function describeMachine(postgres: string): string {
  const cpu = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`;
  const memory = `${Math.round(totalmem() / 1024 ** 3)} GB RAM`;
  const software = `${type()} ${release()}, Node ${process.version}, PostgreSQL ${postgres}`;

  return `${cpu}, ${memory}, ${software}`;
}

function runRow(result: RunResult, index: number): string {
  const latency = result.latenciesMs;
  const p50 = latency.length ? round(percentile(latency, 0.5)) : '–';
  const p95 = latency.length ? round(percentile(latency, 0.95)) : '–';

  return row(
    index + 1,
    result.subscribers,
    round(result.requests),
    round(result.throughputPerSecond),
    p50,
    p95,
  );
}

function cpuTotal(cpu: ProcessCpu): number {
  return CPU_KEYS.reduce((sum, key) => sum + cpu[key], 0);
}

function cpuRow(label: string, cpu: ProcessCpu): string {
  return row(label, ...CPU_KEYS.map((key) => round(cpu[key])), round(cpuTotal(cpu)));
}

/** The report as Markdown: machine, settings, every run, and the figures against targets. */
export function progressReport(
  results: RunResult[],
  summary: Summary,
  settings: RunSettings & { subscribers: number; workers: number; postgres: string },
): string {
  const { subscribers } = settings;
  const percent = (ratio: number) => `${((1 - ratio) * 100).toFixed(1)} %`;
  const arm = ({ mean, median, min, max }: ArmThroughput) =>
    `${round(mean)} req/s (median ${round(median)}, runs ${round(min)} to ${round(max)})`;
  const pairs = summary.pairRatios.map(percent).join(', ');
  const subscriberCpu = summary.cpuWatched.subscribers;
  const serverCpu = (cpu: ProcessCpu) => cpu.api + cpu.workers + cpu.postgres;

  const setup = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${describeMachine(settings.postgres)},`,
    `with a Temporal dev server. Laid out as deployed: the API and ${settings.workers} workers`,
    'each run as their own process. The receiver runs in the benchmark process; the subscribers',
    'run in a child process at lower CPU priority (nice 10), standing in for browsers on other',
    'machines, over the websocket transport. Everything listens on 127.0.0.1 and shares the',
    'same cores.',
  ];
  const method = [
    `Each run sends a batch of ${round(settings.records)} records as fast as the machine allows`,
    `(rate limit ${round(settings.ratePerSecond)}/s, concurrency ${settings.concurrency}) to a`,
    'receiver that answers 204 at once, on an emptied database. Runs alternate between no',
    `subscriber and ${subscribers} subscribers in ABBA order, so drift cancels out; each pair of`,
    'neighbouring runs gives its own slowdown. Throughput is requests per second at the',
    'receiver, first to last request. Latency runs from the moment PostgreSQL stores a bulk',
    'write of outcomes (a trigger reads `clock_timestamp()` before the commit) to the moment a',
    'subscriber receives an event counting it, for every subscriber and write. CPU is what each',
    'process used from approval to the end of the batch, per 1,000 requests.',
  ];

  return [
    '## Live progress (issue #4, `npm run bench:progress`)',
    '',
    wrap(setup.join(' ')),
    '',
    wrap(method.join(' ')),
    '',
    row('Run', 'Subscribers', 'Requests', 'Throughput (req/s)', 'p50 (ms)', 'p95 (ms)'),
    row('---', '---', '---', '---', '---', '---'),
    ...results.map(runRow),
    '',
    row(
      'CPU ms per 1,000 requests',
      'API',
      'Workers',
      'PostgreSQL',
      'Receiver',
      'Subscribers',
      'All',
    ),
    row('---', '---', '---', '---', '---', '---', '---'),
    cpuRow('No subscriber', summary.cpuWithout),
    cpuRow(`${subscribers} subscribers`, summary.cpuWatched),
    '',
    row('Figure', 'Measured', 'Target'),
    row('---', '---', '---'),
    row('Outcome stored → seen, p50', `${round(summary.latencyP50Ms)} ms`, ''),
    row('Outcome stored → seen, p95', `${round(summary.latencyP95Ms)} ms`, 'under 1,000 ms'),
    row('Outcome stored → seen, max', `${round(summary.latencyMaxMs)} ms`, ''),
    row('Throughput, no subscriber', arm(summary.without), ''),
    row(`Throughput, ${subscribers} subscribers`, arm(summary.watched), ''),
    row('Slowdown, median of pairs', percent(median(summary.pairRatios)), 'under 5 %'),
    row('Slowdown, each pair', pairs, ''),
    row('Slowdown, means', percent(summary.throughputRatio), ''),
    row('Slowdown, medians', percent(summary.watched.median / summary.without.median), ''),
    row(
      'Server CPU per request, watched / not',
      `${((serverCpu(summary.cpuWatched) / serverCpu(summary.cpuWithout) - 1) * 100).toFixed(1)} %`,
      '',
    ),
    row('Subscribers’ own CPU, of all', share(subscriberCpu, summary.cpuWatched), ''),
    '',
    wrap(
      `${round(summary.latencySamples)} latency samples. When the runs of one arm spread wider ` +
        'than the slowdown, the comparison says only that the cost is within that spread; the ' +
        'CPU per request moves far less with the machine’s drift.',
    ),
    '',
  ].join('\n');
}

function share(part: number, cpu: ProcessCpu): string {
  return `${((part / cpuTotal(cpu)) * 100).toFixed(1)} %`;
}
