import {
  DELIVERY_BOUNDS,
  DELIVERY_DEFAULTS,
  DeliverySettings,
  EndpointConfig,
  FieldIssue,
  NumericDeliverySetting,
} from './endpoint-config';

const MAX_URL_LENGTH = 2_048;
const MAX_HEADER_COUNT = 50;
const MAX_HEADER_VALUE_LENGTH = 4_096;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers Sluice sets itself; letting an operator override them would break the contract. */
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-length',
  'host',
  'transfer-encoding',
  'connection',
  'user-agent',
]);

/** Outcome of validating operator input: either a value or the list of invalid fields. */
export type Validated<T> = { value: T; issues: [] } | { value: null; issues: FieldIssue[] };

/**
 * Checks the numeric settings of a batch and fills in defaults. Pure and deterministic, so the
 * workflow's update validators can call it too.
 */
export function validateDeliverySettings(
  input: Partial<Record<keyof DeliverySettings, unknown>>,
  base: DeliverySettings = DELIVERY_DEFAULTS,
): Validated<DeliverySettings> {
  const issues: FieldIssue[] = [];
  const value = { ...base };
  for (const key of Object.keys(DELIVERY_BOUNDS) as NumericDeliverySetting[]) {
    const raw = input[key];
    if (raw === undefined) continue;
    const { min, max, isInteger } = DELIVERY_BOUNDS[key];
    const kind = isInteger ? 'an integer' : 'a number';
    const isNumber =
      typeof raw === 'number' && Number.isFinite(raw) && (!isInteger || Number.isInteger(raw));
    if (!isNumber || raw < min || raw > max) {
      issues.push({ field: key, message: `Must be ${kind} from ${min} to ${max}` });
    } else {
      value[key] = raw;
    }
  }
  const codes = input.permanentStatusCodes;
  if (codes !== undefined) {
    if (!Array.isArray(codes) || !codes.every((code) => isStatusCode(code, 300))) {
      issues.push({
        field: 'permanentStatusCodes',
        message: 'Must be a list of HTTP status codes from 300 to 599',
      });
    } else {
      value.permanentStatusCodes = [...new Set(codes as number[])].sort((a, b) => a - b);
    }
  }
  if (value.backoffCapMs < value.backoffBaseMs) {
    issues.push({ field: 'backoffCapMs', message: 'Must be at least backoffBaseMs' });
  }

  return issues.length > 0 ? { value: null, issues } : { value, issues: [] };
}

function isStatusCode(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= 599;
}

/** Checks a whole endpoint config as submitted at approval and fills in defaults. */
export function validateEndpointConfig(input: unknown): Validated<EndpointConfig> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { value: null, issues: [{ field: '', message: 'Must be a JSON object' }] };
  }
  const record = input as Record<string, unknown>;
  const issues = [
    ...validateUrl(record['url']),
    ...validateHeaders(record['headers']),
    ...validateSecret(record['secret']),
  ];
  const settings = validateDeliverySettings(record);
  issues.push(...settings.issues);
  if (issues.length > 0 || settings.value === null) return { value: null, issues };

  const headers = (record['headers'] ?? {}) as Record<string, string>;
  const secret = record['secret'] as string | undefined;
  const value = { url: record['url'] as string, headers, ...settings.value };

  return { value: secret === undefined ? value : { ...value, secret }, issues: [] };
}

/** Standard Webhooks secrets: `whsec_` and the base64 of 24 to 64 random bytes. */
const SECRET = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

function validateSecret(secret: unknown): FieldIssue[] {
  if (secret === undefined) return [];
  if (typeof secret === 'string' && SECRET.test(secret)) return [];

  return [{ field: 'secret', message: 'Must be whsec_ followed by base64 of 24 to 64 bytes' }];
}

function validateUrl(url: unknown): FieldIssue[] {
  if (typeof url !== 'string' || url.length === 0) {
    return [{ field: 'url', message: 'Is required' }];
  }
  if (url.length > MAX_URL_LENGTH) {
    return [{ field: 'url', message: `Must be at most ${MAX_URL_LENGTH} characters` }];
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // URL throws a TypeError for anything it cannot parse; that is the answer we need.
    return [{ field: 'url', message: 'Must be an absolute http or https URL' }];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return [{ field: 'url', message: 'Must be an absolute http or https URL' }];
  }
  if (parsed.username || parsed.password) {
    return [{ field: 'url', message: 'Must not contain credentials; use a header' }];
  }

  return [];
}

function validateHeaders(headers: unknown): FieldIssue[] {
  if (headers === undefined) return [];
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    return [{ field: 'headers', message: 'Must be an object of header names to values' }];
  }
  const entries = Object.entries(headers);
  if (entries.length > MAX_HEADER_COUNT) {
    return [{ field: 'headers', message: `Must have at most ${MAX_HEADER_COUNT} entries` }];
  }
  const issues: FieldIssue[] = [];
  for (const [name, value] of entries) {
    const field = `headers.${name}`;
    if (!HEADER_NAME.test(name)) {
      issues.push({ field, message: 'Is not a valid header name' });
    } else if (RESERVED_HEADERS.has(name.toLowerCase()) || /^webhook-/i.test(name)) {
      issues.push({ field, message: 'Is set by Sluice and cannot be overridden' });
    } else if (typeof value !== 'string' || value.length > MAX_HEADER_VALUE_LENGTH) {
      issues.push({
        field,
        message: `Must be a string of at most ${MAX_HEADER_VALUE_LENGTH} chars`,
      });
    } else if (/[\r\n\0]/.test(value)) {
      issues.push({ field, message: 'Must not contain line breaks' });
    }
  }

  return issues;
}
