import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../../..');

/**
 * Builds the console the way production serves it and returns its site root. Nx caches the
 * build, so this costs seconds unless the console changed since the last run.
 */
export function buildConsole(): string {
  const result = spawnSync('nx', ['run', 'admin:build'], {
    cwd: workspaceRoot,
    // The integration run's Node flags are for Jest; the Angular CLI needs none.
    env: { ...process.env, NODE_OPTIONS: '', NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
    encoding: 'utf8',
  });
  const siteRoot = join(workspaceRoot, 'dist/apps/admin/browser');
  if (result.status !== 0 || !existsSync(join(siteRoot, 'index.html'))) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.slice(-4_000);
    throw new Error(`The console did not build (nx run admin:build): ${output || result.error}`);
  }

  return siteRoot;
}
