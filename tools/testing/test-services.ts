import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { Client as PgClient } from 'pg';

/** Environment variables through which global setup tells test files where services are. */
export const TEST_ENV = {
  databaseUrl: 'SLUICE_TEST_DATABASE_URL',
  temporalAddress: 'SLUICE_TEST_TEMPORAL_ADDRESS',
  workflowBundle: 'SLUICE_TEST_WORKFLOW_BUNDLE',
  workerEntry: 'SLUICE_TEST_WORKER_ENTRY',
  apiEntry: 'SLUICE_TEST_API_ENTRY',
} as const;

/** A service the suite needs could not be used; the message says which and what to do. */
export class TestServiceError extends Error {}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('No port was assigned');

  return address.port;
}

/** Drops and creates the test database so every run starts from an empty schema. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new PgClient({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new TestServiceError(
      `PostgreSQL is not reachable at ${target.host} (${(error as Error).message}). ` +
        'Start it, or point SLUICE_TEST_DATABASE_URL at one (see README, "PostgreSQL").',
    );
  }
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * A Temporal dev server this test run owns: fixed port and database file, so it can be stopped
 * and started again with its state (as a crash of the server would), and extra dev-server flags.
 */
export class TemporalDevServer {
  private child?: ChildProcess;

  private constructor(
    private readonly cliPath: string,
    readonly port: number,
    private readonly extraArgs: string[],
  ) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  get process(): ChildProcess | undefined {
    return this.child;
  }

  static async start(cliPath: string, extraArgs: string[] = []): Promise<TemporalDevServer> {
    const server = new TemporalDevServer(cliPath, await freePort(), extraArgs);
    await server.launch();

    return server;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await once(child, 'exit');
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.startAgain();
  }

  /** Starts a stopped server on its same port (and database file, when one was given). */
  async startAgain(): Promise<void> {
    await this.launch();
  }

  /**
   * Starts the server, trying again when it dies during start-up: the dev server opens extra
   * internal ports of its own choosing, which another process on the machine may just have taken.
   */
  private async launch(attempts = 3): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.launchOnce();
      if (outcome.started) return;
      if (!outcome.exitedEarly || attempt >= attempts) {
        throw new TestServiceError(
          `Temporal dev server did not start from ${this.cliPath}: ${outcome.why}`,
        );
      }
    }
  }

  private async launchOnce(): Promise<{ started: boolean; exitedEarly?: boolean; why?: string }> {
    const args = [
      ...['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(this.port)],
      ...['--log-level', 'warn'],
      ...['--search-attribute', 'BatchId=Keyword', '--search-attribute', 'BatchPhase=Keyword'],
      ...this.extraArgs,
    ];
    let output = '';
    const child = spawn(this.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk).slice(-4_000)));
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk).slice(-4_000)));
    const spawnFailure = once(child, 'error').then(([error]) => error as Error);
    const exited = new Promise<'exited'>((resolve) => child.once('exit', () => resolve('exited')));
    const gaveUp = new AbortController();
    const ready = await Promise.race([
      waitForPort(this.port, 60_000, gaveUp.signal),
      spawnFailure,
      exited,
    ]);
    gaveUp.abort();
    if (ready === true) {
      this.child = child;
      return { started: true };
    }
    child.kill('SIGKILL');
    if (ready instanceof Error) return { started: false, why: ready.message };

    return { started: false, exitedEarly: ready === 'exited', why: output.trim() || 'no output' };
  }
}

/** Starts `temporal server start-dev` on a free port and waits until it answers. */
export async function startTemporalDevServer(cliPath: string, extraArgs: string[] = []) {
  const server = await TemporalDevServer.start(cliPath, extraArgs);

  return { address: server.address, process: server.process as ChildProcess, server };
}

async function waitForPort(port: number, timeoutMs: number, signal: AbortSignal) {
  const { Connection } = await import('@temporalio/client');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal.aborted) {
    try {
      const connection = await Connection.connect({
        address: `127.0.0.1:${port}`,
        connectTimeout: 1_000,
      });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return true;
    } catch {
      // Not listening yet: the dev server takes a few seconds to open its port.
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  return false;
}

/** Compiles the worker and the API so they can run as separate processes (to kill them). */
export function compileApps(workspaceRoot: string, outDir: string) {
  const sources = ['apps/temporal-worker/src', 'apps/api/src', 'libs/shared/src'];
  sources.push('libs/persistence/src', 'libs/workflows/src', 'libs/outbound/src');
  const swc = join(workspaceRoot, 'node_modules/.bin/swc');
  const ignore = ['--ignore', '**/*.spec.ts,**/*.int-spec.ts', '--quiet'];
  execFileSync(swc, [...sources, '-d', outDir, ...ignore], { cwd: workspaceRoot });

  return {
    workerEntry: join(outDir, 'apps/temporal-worker/src/main.js'),
    apiEntry: join(outDir, 'apps/api/src/main.js'),
  };
}
