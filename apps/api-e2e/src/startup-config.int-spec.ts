import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';

import { TEST_ENV } from '../../../tools/testing/test-services';

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
}

/** Runs a compiled entry point with exactly `env` (plus PATH) and waits for it to exit. */
async function runEntry(entryVariable: string, env: Record<string, string>): Promise<Exit> {
  const entry = process.env[entryVariable];
  if (!entry) throw new Error(`${entryVariable} is not set by the global setup`);
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);

  return { code, stderr, stdout };
}

describe('start-up with a wrong configuration', () => {
  const databaseUrl = 'postgres://postgres@127.0.0.1:5432/sluice_never_opened';
  const encryptionKey = randomBytes(32).toString('base64');

  it('stops the API naming the too-short token, without echoing it', async () => {
    const shortToken = `tok${randomBytes(4).toString('hex')}`;

    const exit = await runEntry(TEST_ENV.apiEntry, {
      DATABASE_URL: databaseUrl,
      SLUICE_ENCRYPTION_KEY: encryptionKey,
      SLUICE_API_TOKEN: shortToken,
    });

    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('SLUICE_API_TOKEN');
    expect(exit.stderr + exit.stdout).not.toContain(shortToken);
  });

  it('stops the API naming every bad variable at once, values unechoed', async () => {
    const badUrl = `mysql://admin:pw-${randomBytes(4).toString('hex')}@db/sluice`;
    const badOrigin = `https://console-${randomBytes(4).toString('hex')}.test/path`;

    const exit = await runEntry(TEST_ENV.apiEntry, {
      DATABASE_URL: badUrl,
      SLUICE_ENCRYPTION_KEY: encryptionKey,
      SLUICE_API_TOKEN: randomBytes(24).toString('hex'),
      API_CORS_ORIGIN: badOrigin,
      API_AUTH_FAILURE_LIMIT: 'many',
    });

    expect(exit.code).toBe(1);
    for (const name of ['DATABASE_URL', 'API_CORS_ORIGIN', 'API_AUTH_FAILURE_LIMIT']) {
      expect(exit.stderr).toContain(name);
    }
    for (const value of [badUrl, badOrigin, 'many']) {
      expect(exit.stderr + exit.stdout).not.toContain(value);
    }
  });

  it('stops the worker naming a malformed database URL and a bad port', async () => {
    const badUrl = `postgres//user:pw-${randomBytes(4).toString('hex')}@db`;

    const exit = await runEntry(TEST_ENV.workerEntry, {
      DATABASE_URL: badUrl,
      SLUICE_ENCRYPTION_KEY: encryptionKey,
      WORKER_HTTP_PORT: '70000',
    });

    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('DATABASE_URL');
    expect(exit.stderr).toContain('WORKER_HTTP_PORT');
    expect(exit.stderr + exit.stdout).not.toContain(badUrl);
    expect(exit.stderr + exit.stdout).not.toContain('70000');
  });
});
