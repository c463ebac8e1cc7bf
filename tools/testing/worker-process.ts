import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

import { TEST_ENV } from './test-services';
import { workerRuntimeEnv } from './worker-runtime-env';

/** A real worker as its own OS process, so a test can kill it the way a crash would. */
export class WorkerProcess {
  private output = '';

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk).slice(-8_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    const entry = process.env[TEST_ENV.workerEntry];
    if (!entry) throw new Error(`${TEST_ENV.workerEntry} is not set by the global setup`);
    const child = spawn(process.execPath, [entry], {
      // The worker's own runtime settings, not the test runner's NODE_OPTIONS.
      env: { ...process.env, ...workerRuntimeEnv(), ...env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child);
    await worker.waitForLog('Worker started', 60_000);

    return worker;
  }

  get log(): string {
    return this.output;
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
