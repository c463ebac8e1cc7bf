// A webhook receiver for trying Sluice locally: listens on loopback, answers 204, and prints
// one line per request (webhook id and body size, never the body).
import { createServer } from 'node:http';

const port = Number(process.env.RECEIVER_PORT ?? 4000);
let count = 0;
const server = createServer((request, response) => {
  let bytes = 0;
  request.on('data', (chunk) => (bytes += chunk.length));
  request.on('end', () => {
    count += 1;
    process.stdout.write(
      `#${count} ${request.method} ${request.url} webhook-id=${request.headers['webhook-id']} ` +
        `${bytes} bytes\n`,
    );
    response.writeHead(204).end();
  });
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`Receiver listening on http://127.0.0.1:${port}/hooks\n`);
});
