import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Stops the Temporal dev server that global setup started. */
export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { temporalDevServer?: ChildProcess }).temporalDevServer;
  if (!server || server.exitCode !== null) return;
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
  await once(server, 'exit');
  clearTimeout(timer);
}
