import type { z } from 'zod';

/** Configuration that failed validation; names the variables, never their values. */
export class InvalidConfigError extends Error {
  /** `reasons` are the schema's messages, which state the rule and never quote the value. */
  constructor(
    readonly variables: string[],
    reasons: string[] = [],
  ) {
    const why = reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
    super(`Invalid or missing configuration: ${variables.join(', ')}${why}`);
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
    const reasons = result.error.issues.map(
      (issue) => `${String(issue.path[0] ?? '(root)')}: ${issue.message}`,
    );
    throw new InvalidConfigError([...new Set(names)], reasons);
  }

  return Object.freeze(result.data);
}
