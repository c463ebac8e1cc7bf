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
}

/** What an operator submits to approve a batch. Headers may hold credentials. */
export interface EndpointConfigInput extends Partial<DeliverySettings> {
  url: string;
  headers?: Record<string, string>;
}

/** A validated endpoint config with every default applied. */
export interface EndpointConfig extends DeliverySettings {
  url: string;
  headers: Record<string, string>;
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
});

interface Bound {
  min: number;
  max: number;
  isInteger: boolean;
}

/** Inclusive bounds of every numeric setting. */
export const DELIVERY_BOUNDS: Readonly<Record<keyof DeliverySettings, Bound>> = Object.freeze({
  ratePerSecond: { min: 0.1, max: 10_000, isInteger: false },
  concurrency: { min: 1, max: 256, isInteger: true },
  recordsPerRequest: { min: 1, max: 1_000, isInteger: true },
  timeoutMs: { min: 100, max: 120_000, isInteger: true },
  maxAttempts: { min: 1, max: 20, isInteger: true },
});
