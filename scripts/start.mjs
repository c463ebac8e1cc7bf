// Starts every part of Sluice as child processes, prefixes their output, and stops them in
// order on Ctrl-C. Anything configured in the environment is used instead of the embedded one.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(process.env.SLUICE_DATA_DIR ?? join(root, '.data'));
const apiPort = Number(process.env.API_PORT ?? 3000);
const children = [];
let stopping = false;

const say = (message) => process.stdout.write(`[start] ${message}\n`);

function start(name, command, args, env = {}) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: Ctrl-C reaches only this script, which stops the parts in order.
    detached: true,
  });
  const prefix = (stream) => (chunk) => {
    for (const line of chunk.toString().split('\n')) if (line) stream.write(`[${name}] ${line}\n`);
  };
  child.stdout.on('data', prefix(process.stdout));
  child.stderr.on('data', prefix(process.stderr));
  child.on('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest`);
    void stopAll(1);
  });
  children.push({ name, child });

  return child;
}

async function waitForPort(port, name, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const isOpen = await new Promise((done) => {
      const socket = connect({ host: '127.0.0.1', port }, () => done(socket.end() && true));
      socket.on('error', () => done(false));
    });
    if (isOpen) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${name} did not open port ${port} within ${timeoutMs / 1000} s`);
}

async function waitForReady(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`${url} did not report ready within ${timeoutMs / 1000} s`);
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  for (const { name, child } of children.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await new Promise((done) => child.once('exit', done));
    clearTimeout(killer);
    say(`${name} stopped`);
  }
  process.exit(exitCode);
}

/** A value from the environment, or generated once and kept in the data folder (mode 0600). */
function keptSecret(envName, fileName, generate) {
  if (process.env[envName]) return { value: process.env[envName], isNew: false };
  const file = join(dataDir, fileName);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), isNew: false, file };
  const value = generate();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });

  return { value, isNew: true, file };
}

function apiToken() {
  const token = keptSecret('SLUICE_API_TOKEN', 'api-token', () =>
    randomBytes(24).toString('base64url'),
  );
  if (token.isNew) {
    say(`Generated an API token (kept in ${token.file}; shown only now):\n\n    ${token.value}\n`);
  } else if (token.file) {
    say(`API token: read from ${token.file}`);
  }

  return token.value;
}

async function startTemporal() {
  if (process.env.TEMPORAL_ADDRESS) {
    say(`Using Temporal at ${process.env.TEMPORAL_ADDRESS}`);
    return { address: process.env.TEMPORAL_ADDRESS, uiUrl: process.env.TEMPORAL_UI_URL };
  }
  start('temporal', process.env.TEMPORAL_CLI_PATH ?? 'temporal', [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    '7233',
    '--ui-port',
    '8233',
    '--db-filename',
    join(dataDir, 'temporal.db'),
    '--log-level',
    'warn',
    '--search-attribute',
    'BatchId=Keyword',
    '--search-attribute',
    'BatchPhase=Keyword',
  ]);
  await waitForPort(7233, 'Temporal dev server');

  return { address: '127.0.0.1:7233', uiUrl: 'http://127.0.0.1:8233' };
}

async function startDatabase() {
  if (process.env.DATABASE_URL) {
    say('Using the PostgreSQL in DATABASE_URL');
    return { DATABASE_URL: process.env.DATABASE_URL };
  }
  const port = Number(process.env.PGLITE_PORT ?? 5433);
  say(`No DATABASE_URL set: starting embedded PostgreSQL (PGlite) with data in ${dataDir}/pglite`);
  start('postgres', process.execPath, ['scripts/embedded-postgres.mjs'], {
    PGLITE_DATA_DIR: join(dataDir, 'pglite'),
    PGLITE_PORT: String(port),
  });
  await waitForPort(port, 'Embedded PostgreSQL');

  // PGlite runs one session, so each process keeps a single connection.
  return {
    DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`,
    DATABASE_POOL_SIZE: '1',
    // PGlite's socket server does not take COPY from a client: parsed records go in by INSERT.
    WORKER_RECORD_WRITES: 'insert',
  };
}

/** An app's memory settings (apps/<app>/runtime-env.json); the shell's win. */
function runtimeEnv(app) {
  const file = join(root, 'apps', app, 'runtime-env.json');
  const defaults = JSON.parse(readFileSync(file, 'utf8'));

  return Object.fromEntries(
    Object.entries(defaults).map(([name, value]) => [name, process.env[name] ?? value]),
  );
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const token = apiToken();
  const temporal = await startTemporal();
  const database = await startDatabase();
  const encryptionKey = keptSecret('SLUICE_ENCRYPTION_KEY', 'encryption-key', () =>
    randomBytes(32).toString('base64'),
  ).value;
  const env = {
    ...database,
    TEMPORAL_ADDRESS: temporal.address,
    SLUICE_DATA_DIR: dataDir,
    SLUICE_ENCRYPTION_KEY: encryptionKey,
    // The walkthrough's receiver (`npm run receiver`) listens here; other loopback targets and
    // private addresses stay refused.
    SLUICE_ALLOWED_TARGETS: process.env.SLUICE_ALLOWED_TARGETS ?? '127.0.0.1:4000',
    LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty',
  };
  const migration = spawnSync(process.execPath, ['dist/node/apps/api/src/migrate.js'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  if (migration.status !== 0) throw new Error('Migrations failed');

  start('worker', process.execPath, ['dist/node/apps/temporal-worker/src/main.js'], {
    ...runtimeEnv('temporal-worker'),
    ...env,
    WORKER_WORKFLOW_BUNDLE: join(root, 'dist/workflow-bundle.js'),
  });
  start('api', process.execPath, ['dist/node/apps/api/src/main.js'], {
    ...runtimeEnv('api'),
    ...env,
    SLUICE_API_TOKEN: token,
    API_PORT: String(apiPort),
    API_ADMIN_DIST_DIR: join(root, 'dist/apps/admin/browser'),
    ...(temporal.uiUrl ? { TEMPORAL_UI_URL: temporal.uiUrl } : {}),
  });
  await waitForReady(`http://127.0.0.1:${apiPort}/health/ready`);

  say('Sluice is running:');
  say(`  console         http://127.0.0.1:${apiPort}/`);
  say(`  API             http://127.0.0.1:${apiPort}/api/batches`);
  if (temporal.uiUrl) say(`  Temporal Web UI ${temporal.uiUrl}`);
  say('Press Ctrl-C to stop everything.');
}

main().catch((error) => {
  say(`Start-up failed: ${error.message}`);
  void stopAll(1);
});
