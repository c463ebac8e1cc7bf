// Embedded PostgreSQL for `npm start` when no DATABASE_URL is configured: PGlite (PostgreSQL
// compiled to WebAssembly) behind a socket server, persisted under the data folder.
// LIMITATION: PGlite runs one session; clients must use a pool of one connection, and it is
// meant for trying Sluice on one machine, not for production or load.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const dataDir = process.env.PGLITE_DATA_DIR;
const port = Number(process.env.PGLITE_PORT ?? 5433);
if (!dataDir) {
  process.stderr.write('PGLITE_DATA_DIR is required\n');
  process.exit(1);
}

const db = await PGlite.create(dataDir);
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 4 });
await server.start();
process.stdout.write(`Embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${dataDir})\n`);

async function stop() {
  await server.stop();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
