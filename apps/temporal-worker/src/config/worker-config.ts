import { z } from 'zod';

import { BATCH_TASK_QUEUE, loadConfig } from '@sluice/shared';
import { DEFAULT_CHUNK_SIZE } from '@sluice/workflows';

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
  // One row (all its fields) held in memory while parsing: 2 MiB lets a 1 MB field through.
  WORKER_MAX_RECORD_BYTES: z.coerce
    .number()
    .int('must be a whole number of bytes')
    .min(1_024, 'must be at least 1024 bytes')
    .max(256 * 1_024 ** 2, 'must be at most 268435456 bytes')
    .default(2 * 1_024 ** 2),
  WORKER_MAX_RECORDS_PER_BATCH: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(10_000_000),
  WORKER_RECORD_WRITES: z.enum(['copy', 'insert']).default('copy'),
  WORKER_CHUNK_SIZE: z.coerce
    .number()
    .int('must be a whole number')
    .min(10, 'must be at least 10')
    .max(50_000, 'must be at most 50000')
    .default(DEFAULT_CHUNK_SIZE),
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
  /** Largest row a file may hold, in bytes; a larger one stops the parse naming its line. */
  maxRecordBytes: number;
  /** Most records one batch may hold; a file with more is refused naming the line. */
  maxRecordsPerBatch: number;
  /** Records per chunk activity of a batch planned from now on. */
  chunkSize: number;
  /** How parsed records are stored: COPY, or INSERT where the server does not take COPY. */
  recordWrites: 'copy' | 'insert';
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
    maxRecordBytes: parsed.WORKER_MAX_RECORD_BYTES,
    maxRecordsPerBatch: parsed.WORKER_MAX_RECORDS_PER_BATCH,
    chunkSize: parsed.WORKER_CHUNK_SIZE,
    recordWrites: parsed.WORKER_RECORD_WRITES,
    httpHost: parsed.WORKER_HTTP_HOST,
    httpPort: parsed.WORKER_HTTP_PORT,
  });
}

/** The only place the worker reads the process environment. */
export function workerConfigFromEnv(): WorkerConfig {
  return loadWorkerConfig(process.env);
}
