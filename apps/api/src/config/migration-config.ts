import { z } from 'zod';

import { loadConfig } from '@sluice/shared';

const schema = z.object({ DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }) });

/** The migration command needs the database and nothing else. */
export function migrationConfigFromEnv(): { databaseUrl: string } {
  return { databaseUrl: loadConfig(schema, process.env).DATABASE_URL };
}
