import type { IncomingMessage } from 'node:http';

import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';

// Taken from the adapter: @nestjs/platform-socket.io pins its own copy of socket.io.
type IoServerOptions = NonNullable<Parameters<IoAdapter['createIOServer']>[1]>;

/**
 * Socket.IO on the API's own HTTP server, allowing the same origins as its HTTP routes. CORS
 * headers alone do not bind WebSocket connections, so handshakes from other browser origins are
 * refused outright; clients that send no Origin (servers, scripts) still need the token.
 */
export class SocketIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: readonly string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: IoServerOptions) {
    // The console bundles its own client, so the server need not serve one.
    const settings: Partial<IoServerOptions> = {
      ...options,
      serveClient: false,
      allowRequest: (request, callback) => callback(null, this.isAllowedOrigin(request)),
    };
    if (this.corsOrigins.length > 0) settings.cors = { origin: [...this.corsOrigins] };

    // Nest types the options as complete; socket.io fills in defaults for any left out.
    return super.createIOServer(port, settings as IoServerOptions);
  }

  private isAllowedOrigin(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (!origin || this.corsOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      // An Origin header that is not a URL comes from no real browser page: refuse it.
      return false;
    }
  }
}
