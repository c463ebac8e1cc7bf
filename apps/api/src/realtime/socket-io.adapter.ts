import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';

// Taken from the adapter: @nestjs/platform-socket.io pins its own copy of socket.io.
type IoServerOptions = NonNullable<Parameters<IoAdapter['createIOServer']>[1]>;

/** Socket.IO on the API's own HTTP server, allowing the same origins as its HTTP routes. */
export class SocketIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: string[] | undefined,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: IoServerOptions) {
    // The console bundles its own client, so the server need not serve one.
    const settings: Partial<IoServerOptions> = { ...options, serveClient: false };
    if (this.corsOrigins) settings.cors = { origin: this.corsOrigins };

    // Nest types the options as complete; socket.io fills in defaults for any left out.
    return super.createIOServer(port, settings as IoServerOptions);
  }
}
