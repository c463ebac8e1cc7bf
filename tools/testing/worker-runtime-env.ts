import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The environment the worker runs with everywhere (npm start, the container, tests, benchmarks):
 * V8's heap bounded for the machine's memory, glibc's per-thread arenas capped, and large
 * buffers (file reads) given back to the system when freed, so the worker stays small. The
 * values live in apps/temporal-worker/runtime-env.json; the Dockerfile repeats them.
 */
export function workerRuntimeEnv(workspaceRoot = process.cwd()): Record<string, string> {
  const path = join(workspaceRoot, 'apps/temporal-worker/runtime-env.json');

  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}
