import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

import { TEST_ENV } from './test-services';
import { runtimeEnv } from './runtime-env';

export interface WorkerProcessOptions {
  /** `info` unless given; the start is detected from an info line, so never above it. */
  logLevel?: 'info' | 'debug';
  /** Keeps every line written (for scans of the whole log); the last 8 kB otherwise. */
  keepAllOutput?: boolean;
}

/** A real worker as its own OS process, so a test can kill it the way a crash would. */
export class WorkerProcess {
  private output = '';
  private listeningUrl = '';

  private constructor(
    private readonly child: ChildProcess,
    keepAllOutput: boolean,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = keepAllOutput ? this.output + chunk : (this.output + chunk).slice(-8_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(
    env: Record<string, string>,
    options: WorkerProcessOptions = {},
  ): Promise<WorkerProcess> {
    const entry = process.env[TEST_ENV.workerEntry];
    if (!entry) throw new Error(`${TEST_ENV.workerEntry} is not set by the global setup`);
    const child = spawn(process.execPath, [entry], {
      // The worker's own runtime settings, not the test runner's NODE_OPTIONS.
      env: {
        ...process.env,
        ...runtimeEnv('temporal-worker'),
        ...env,
        LOG_LEVEL: options.logLevel ?? 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child, options.keepAllOutput ?? false);
    await worker.waitForLog('Worker started', 60_000);
    await worker.waitForLog('Worker HTTP server listening', 10_000);
    const listening = /"url":"(http:\/\/[^"]+)","msg":"Worker HTTP server listening"/;
    worker.listeningUrl = listening.exec(worker.output)?.[1] ?? '';

    return worker;
  }

  get log(): string {
    return this.output;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Where its probes and metrics server listens, read from its start-up log line. */
  get httpUrl(): string {
    return this.listeningUrl;
  }

  /** Kills the process at once (SIGKILL): no shutdown hook, no last flush. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    await once(this.child, 'exit');
  }

  private async waitForLog(text: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null) {
        throw new Error(`Worker process exited: ${this.output.slice(-2_000)}`);
      }
      if (Date.now() > deadline) throw new Error(`Worker did not log "${text}" in time`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
