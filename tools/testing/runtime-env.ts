import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The environment an app's process runs with everywhere (npm start, its container, tests,
 * benchmarks): V8's heap bounded for the machine's memory, glibc's per-thread arenas capped,
 * and large freed buffers given back to the system, so the process stays small. The values
 * live in apps/<app>/runtime-env.json; the app's Dockerfile repeats them.
 */
export function runtimeEnv(
  app: 'api' | 'temporal-worker',
  workspaceRoot = process.cwd(),
): Record<string, string> {
  const path = join(workspaceRoot, 'apps', app, 'runtime-env.json');

  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}
