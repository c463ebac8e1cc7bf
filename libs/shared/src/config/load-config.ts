import type { z } from 'zod';

/** Configuration that failed validation; names the variables, never their values. */
export class InvalidConfigError extends Error {
  constructor(readonly variables: string[]) {
    super(`Invalid or missing configuration: ${variables.join(', ')}`);
    this.name = 'InvalidConfigError';
  }
}

/**
 * Parses environment variables once, at start-up, into a frozen typed object. Throws an error
 * that lists every bad variable by name, so a wrong deployment fails before serving.
 */
export function loadConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
): Readonly<z.infer<Schema>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const names = result.error.issues.map((issue) => String(issue.path[0] ?? '(root)'));
    throw new InvalidConfigError([...new Set(names)]);
  }

  return Object.freeze(result.data);
}
