import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

import { freePort, TEST_ENV } from './test-services';
import { runtimeEnv } from './runtime-env';

/**
 * The real API as its own OS process on a fixed loopback port, so a test can kill it and start
 * it again where browsers and socket clients expect it, as a crash and restart would.
 */
export class ApiProcess {
  private child?: ChildProcess;
  private output = '';

  private constructor(
    private readonly entry: string,
    private readonly env: Record<string, string>,
    readonly port: number,
    readonly token: string,
  ) {}

  /** `env` as for the worker; the token and port are added here. */
  static async start(env: Record<string, string>, token: string, entry?: string) {
    const apiEntry = entry ?? process.env[TEST_ENV.apiEntry];
    if (!apiEntry) throw new Error(`${TEST_ENV.apiEntry} is not set by the global setup`);
    const api = new ApiProcess(apiEntry, env, await freePort(), token);
    await api.launch();

    return api;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get log(): string {
    return this.output;
  }

  /** Kills the process (SIGKILL by default: no shutdown hook closes the sockets politely). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await once(child, 'exit');
  }

  async restart(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.kill(signal);
    await this.launch();
  }

  private async launch(): Promise<void> {
    const child = spawn(process.execPath, [this.entry], {
      env: {
        ...process.env,
        ...runtimeEnv('api'),
        ...this.env,
        SLUICE_API_TOKEN: this.token,
        API_HOST: '127.0.0.1',
        API_PORT: String(this.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk).slice(-8_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`API process exited: ${this.output.slice(-2_000)}`);
      }
      const live = await fetch(`${this.apiUrl}/health/live`).catch(() => null);
      if (live?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('The API process did not start listening in time');
  }
}
