import { z } from 'zod';

import { BATCH_TASK_QUEUE, loadConfig } from '@sluice/shared';

const schema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(BATCH_TASK_QUEUE),
  SLUICE_DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  SLUICE_ENCRYPTION_KEY: z.base64().refine((key) => Buffer.from(key, 'base64').length === 32),
  SLUICE_ALLOWED_TARGETS: z.string().default(''),
  WORKER_WORKFLOW_BUNDLE: z.string().min(1).default('dist/workflow-bundle.js'),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1_000).default(20),
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  WORKER_HTTP_HOST: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')]).default('127.0.0.1'),
  WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
});

/** The worker's configuration, parsed once from the environment. */
export interface WorkerConfig {
  databaseUrl: string;
  databasePoolSize: number;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  dataDir: string;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  logFormat: 'json' | 'pretty';
  /** Base64 of the 32-byte key that opens endpoint secrets and header values. */
  encryptionKey: string;
  /** Private or loopback targets allowed anyway: CIDR or host:port, comma-separated. */
  allowedTargets: string;
  workflowBundlePath: string;
  maxConcurrentActivities: number;
  shutdownGraceMs: number;
  /** Address and port of the probes and metrics server; port 0 lets the OS pick one. */
  httpHost: string;
  httpPort: number;
}

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

export function loadWorkerConfig(env: Record<string, string | undefined>): WorkerConfig {
  const parsed = loadConfig(schema, env);

  return Object.freeze({
    databaseUrl: parsed.DATABASE_URL,
    databasePoolSize: parsed.DATABASE_POOL_SIZE,
    temporalAddress: parsed.TEMPORAL_ADDRESS,
    temporalNamespace: parsed.TEMPORAL_NAMESPACE,
    taskQueue: parsed.TEMPORAL_TASK_QUEUE,
    dataDir: parsed.SLUICE_DATA_DIR,
    logLevel: parsed.LOG_LEVEL,
    logFormat: parsed.LOG_FORMAT,
    encryptionKey: parsed.SLUICE_ENCRYPTION_KEY,
    allowedTargets: parsed.SLUICE_ALLOWED_TARGETS,
    workflowBundlePath: parsed.WORKER_WORKFLOW_BUNDLE,
    maxConcurrentActivities: parsed.WORKER_MAX_CONCURRENT_ACTIVITIES,
    shutdownGraceMs: parsed.WORKER_SHUTDOWN_GRACE_MS,
    httpHost: parsed.WORKER_HTTP_HOST,
    httpPort: parsed.WORKER_HTTP_PORT,
  });
}

/** The only place the worker reads the process environment. */
export function workerConfigFromEnv(): WorkerConfig {
  return loadWorkerConfig(process.env);
}
