import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePort } from '../tools/testing/test-services';
import { runtimeEnv } from '../tools/testing/runtime-env';

/** Peak resident memory of a process, in MB, from the kernel's own high-water mark. */
export function peakRssMb(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    // The process is gone or /proc is not Linux's: the figure is simply unknown.
    return null;
  }
}

/** The API and a worker as separate processes, so each one's memory can be measured. */
export class BenchStack {
  readonly token = randomBytes(24).toString('base64url');
  private readonly processes: ChildProcess[] = [];
  apiUrl = '';

  constructor(
    private readonly distDir: string,
    readonly env: Record<string, string>,
    private readonly workerCount = 1,
  ) {}

  async start(): Promise<void> {
    const port = await freePort();
    this.apiUrl = `http://127.0.0.1:${port}`;
    this.spawn('apps/api/src/main.js', {
      ...runtimeEnv('api'),
      SLUICE_API_TOKEN: this.token,
      API_PORT: String(port),
    });
    const runtime = runtimeEnv('temporal-worker');
    // For a profile of the worker: BENCH_WORKER_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=tmp/prof'.
    const extraOptions = process.env['BENCH_WORKER_NODE_OPTIONS'];
    if (extraOptions) runtime['NODE_OPTIONS'] = `${runtime['NODE_OPTIONS']} ${extraOptions}`;
    for (let worker = 0; worker < this.workerCount; worker += 1) {
      this.spawn('apps/temporal-worker/src/main.js', runtime);
    }
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.processes.some((child) => child.exitCode !== null)) {
        throw new Error('The API or the worker exited during start-up');
      }
      const ready = await fetch(`${this.apiUrl}/health/ready`).catch(() => null);
      if (ready?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('The API did not become ready');
  }

  get apiPid(): number | undefined {
    return this.processes[0]?.pid;
  }

  get workerPids(): (number | undefined)[] {
    return this.processes.slice(1).map((child) => child.pid);
  }

  async request(method: string, path: string, body?: unknown) {
    const response = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

    return response.json();
  }

  stop(): void {
    for (const child of this.processes) child.kill('SIGTERM');
  }

  private spawn(entry: string, extra: Record<string, string>): void {
    const child = spawn(process.execPath, [join(this.distDir, entry)], {
      env: { ...process.env, ...this.env, ...extra },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.processes.push(child);
  }
}
