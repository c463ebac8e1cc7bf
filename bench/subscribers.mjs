// Child process of the progress benchmark: opens N real Socket.IO subscriptions to one batch on
// their own event loop, so the API's process carries only the server's share of the cost.
// Protocol over IPC: sends { type: 'ready' } once every subscription is acknowledged, then
// { type: 'samples', seen, cpuSeconds } once every subscriber saw `batch.completed` (or on
// 'finish'), with the CPU this process used since it was ready.
import { io } from 'socket.io-client';

const [url, token, batchId, countText] = process.argv.slice(2);
const count = Number(countText);
const GIVE_UP_MS = 15 * 60_000;

/** Per subscriber: [receivedAtMs, sent + failed] for every progress and completion event. */
const seen = Array.from({ length: count }, () => []);
let completed = 0;
let isReported = false;
let cpuAtReady;

function finished(snapshot) {
  const progress = snapshot.progress;
  return progress.stage === 'sending' ? progress.sent + progress.failed : 0;
}

function report() {
  if (isReported) return;
  isReported = true;
  const cpu = process.cpuUsage(cpuAtReady);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.send({ type: 'samples', seen, cpuSeconds }, () => {
    for (const socket of sockets) socket.disconnect();
    process.exit(0);
  });
}

const sockets = Array.from({ length: count }, (_, index) => {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true });
  socket.on('batch.progressed', (event) => {
    seen[index].push([Date.now(), finished(event.snapshot)]);
  });
  socket.on('batch.completed', (event) => {
    seen[index].push([Date.now(), finished(event.snapshot)]);
    completed += 1;
    if (completed === count) report();
  });
  return socket;
});

await Promise.all(
  sockets.map(async (socket) => {
    if (!socket.connected) await new Promise((resolve) => socket.once('connect', resolve));
    const answer = await socket.timeout(30_000).emitWithAck('subscribe', { batchId });
    if (!answer.ok) throw new Error(`Subscription refused: ${answer.error.code}`);
  }),
);
process.on('message', (message) => {
  if (message?.type === 'finish') report();
});
setTimeout(report, GIVE_UP_MS).unref();
cpuAtReady = process.cpuUsage();
process.send({ type: 'ready' });
