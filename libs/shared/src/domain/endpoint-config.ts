/** How fast and how hard a batch is sent; safe to carry through Temporal (no URL, no headers). */
export interface DeliverySettings {
  /** Requests per second for the whole batch, across every worker. */
  ratePerSecond: number;
  /** Requests in flight at once for the whole batch. */
  concurrency: number;
  /** 1 sends one record per request; more sends a JSON array of records. */
  recordsPerRequest: number;
  timeoutMs: number;
  /** Attempts per delivery, the first included. */
  maxAttempts: number;
  /** Ceiling of the first retry's jittered delay; it doubles per attempt up to the cap. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Auto-pause when this share of the last `autoPauseWindow` attempts failed (1 disables). */
  autoPauseFailureRatio: number;
  autoPauseWindow: number;
  /** Auto-pause after this many failed attempts in a row (0 disables). */
  autoPauseConsecutiveFailures: number;
  /** Statuses no retry can fix: the delivery fails at once. */
  permanentStatusCodes: number[];
}

/** The numeric settings, each checked against {@link DELIVERY_BOUNDS}. */
export type NumericDeliverySetting = Exclude<keyof DeliverySettings, 'permanentStatusCodes'>;

/** What an operator submits to approve a batch. Headers may hold credentials. */
export interface EndpointConfigInput extends Partial<DeliverySettings> {
  url: string;
  headers?: Record<string, string>;
  /** A Standard Webhooks secret (`whsec_` + base64); generated when absent. */
  secret?: string;
}

/** A validated endpoint config with every default applied. */
export interface EndpointConfig extends DeliverySettings {
  url: string;
  headers: Record<string, string>;
  /** Absent until generated at approval. */
  secret?: string;
}

/** One invalid field, named by its path in the submitted object. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Defaults an operator would pick for an endpoint they know nothing about. */
export const DELIVERY_DEFAULTS: Readonly<DeliverySettings> = Object.freeze({
  ratePerSecond: 50,
  concurrency: 8,
  recordsPerRequest: 1,
  timeoutMs: 10_000,
  maxAttempts: 5,
  backoffBaseMs: 1_000,
  backoffCapMs: 60_000,
  autoPauseFailureRatio: 0.9,
  autoPauseWindow: 50,
  autoPauseConsecutiveFailures: 25,
  permanentStatusCodes: [400, 401, 403, 404, 405, 410, 413, 422],
});

interface Bound {
  min: number;
  max: number;
  isInteger: boolean;
}

/** Inclusive bounds of every numeric setting. */
export const DELIVERY_BOUNDS: Readonly<Record<NumericDeliverySetting, Bound>> = Object.freeze({
  ratePerSecond: { min: 0.1, max: 100_000, isInteger: false },
  concurrency: { min: 1, max: 256, isInteger: true },
  recordsPerRequest: { min: 1, max: 1_000, isInteger: true },
  timeoutMs: { min: 100, max: 120_000, isInteger: true },
  maxAttempts: { min: 1, max: 20, isInteger: true },
  backoffBaseMs: { min: 10, max: 600_000, isInteger: true },
  backoffCapMs: { min: 10, max: 3_600_000, isInteger: true },
  autoPauseFailureRatio: { min: 0.05, max: 1, isInteger: false },
  autoPauseWindow: { min: 5, max: 10_000, isInteger: true },
  autoPauseConsecutiveFailures: { min: 0, max: 100_000, isInteger: true },
});

/** Settings an operator may change while a batch runs. */
export const LIVE_SETTINGS = ['ratePerSecond', 'concurrency', 'recordsPerRequest'] as const;
