/**
 * Log paths whose values are replaced before a line is written: credentials, signatures and
 * payloads. Both apps apply this one list, and a test proves it.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.Authorization',
  '*.headers',
  '*.secret',
  '*.signature',
  '*.token',
  '*.payload',
  '*.fields',
  '*.databaseUrl',
  // TypeORM's QueryFailedError carries the statement's bound values: record fields on a parse
  // insert, response excerpts on an outcome save. The SDK logs it whole when an activity fails.
  '*.parameters',
];
