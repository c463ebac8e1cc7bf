import { z } from 'zod';

import { BATCH_TASK_QUEUE, loadConfig } from '@sluice/shared';

/** Comma-separated browser origins (`https://console.example.com`), each exactly an origin. */
const originList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .refine((origins) => origins.every(isOrigin), 'must be origins such as https://host:port');

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.origin === value;
  } catch {
    // Not a URL at all: the refinement reports the variable by name.
    return false;
  }
}

const schema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(BATCH_TASK_QUEUE),
  TEMPORAL_UI_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8233'),
  SLUICE_DATA_DIR: z.string().min(1).default('.data'),
  SLUICE_API_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  SLUICE_ENCRYPTION_KEY: z.base64().refine((key) => Buffer.from(key, 'base64').length === 32),
  SLUICE_ALLOWED_TARGETS: z.string().default(''),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  API_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int('must be a whole number of bytes')
    .min(1, 'must be at least 1 byte')
    .default(1024 ** 3),
  API_CORS_ORIGIN: originList,
  // Express's `trust proxy`: hop count, or addresses and names such as `loopback, uniquelocal`.
  API_TRUST_PROXY: z
    .string()
    .regex(/^[\w.:/, -]+$/)
    .optional(),
  API_AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  API_AUTH_FAILURE_WINDOW_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
  API_METRICS_PUBLIC: z.stringbool().default(false),
  API_ADMIN_DIST_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
});

/** The API's configuration, parsed once from the environment. */
export interface ApiConfig {
  databaseUrl: string;
  databasePoolSize: number;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  temporalUiUrl: string;
  dataDir: string;
  apiToken: string;
  /** Base64 of the 32-byte key that seals endpoint secrets and header values. */
  encryptionKey: string;
  /** Private or loopback targets allowed anyway: CIDR or host:port, comma-separated. */
  allowedTargets: string;
  host: string;
  port: number;
  maxUploadBytes: number;
  /** Browser origins allowed cross-origin, HTTP and Socket.IO; empty allows the API's own. */
  corsOrigins: readonly string[];
  trustProxy: string | undefined;
  /** Refused sign-ins one client address may make per window before it gets 429. */
  authFailureLimit: number;
  authFailureWindowMs: number;
  /** True serves `/metrics` without the token (for scrapers inside a private network). */
  isMetricsPublic: boolean;
  adminDistDir: string | undefined;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  logFormat: 'json' | 'pretty';
}

export const API_CONFIG = Symbol('API_CONFIG');

export function loadApiConfig(env: Record<string, string | undefined>): ApiConfig {
  const parsed = loadConfig(schema, env);

  return Object.freeze({
    databaseUrl: parsed.DATABASE_URL,
    databasePoolSize: parsed.DATABASE_POOL_SIZE,
    temporalAddress: parsed.TEMPORAL_ADDRESS,
    temporalNamespace: parsed.TEMPORAL_NAMESPACE,
    taskQueue: parsed.TEMPORAL_TASK_QUEUE,
    temporalUiUrl: parsed.TEMPORAL_UI_URL,
    dataDir: parsed.SLUICE_DATA_DIR,
    apiToken: parsed.SLUICE_API_TOKEN,
    encryptionKey: parsed.SLUICE_ENCRYPTION_KEY,
    allowedTargets: parsed.SLUICE_ALLOWED_TARGETS,
    host: parsed.API_HOST,
    port: parsed.API_PORT,
    maxUploadBytes: parsed.API_MAX_UPLOAD_BYTES,
    corsOrigins: Object.freeze([...parsed.API_CORS_ORIGIN]),
    trustProxy: parsed.API_TRUST_PROXY,
    authFailureLimit: parsed.API_AUTH_FAILURE_LIMIT,
    authFailureWindowMs: parsed.API_AUTH_FAILURE_WINDOW_MS,
    isMetricsPublic: parsed.API_METRICS_PUBLIC,
    adminDistDir: parsed.API_ADMIN_DIST_DIR,
    logLevel: parsed.LOG_LEVEL,
    logFormat: parsed.LOG_FORMAT,
  });
}

/** The only place the API reads the process environment. */
export function apiConfigFromEnv(): ApiConfig {
  return loadApiConfig(process.env);
}
