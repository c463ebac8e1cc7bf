import 'reflect-metadata';

import { apiConfigFromEnv } from './config/api-config';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  const config = apiConfigFromEnv();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
}

bootstrap().catch((error: unknown) => {
  // Start-up failed before the logger could be trusted: report plainly and exit.
  process.stderr.write(`API failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
