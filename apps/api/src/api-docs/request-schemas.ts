import type { SchemaObject } from '@nestjs/swagger';

import {
  DELIVERY_BOUNDS,
  DELIVERY_DEFAULTS,
  LIVE_SETTINGS,
  type NumericDeliverySetting,
} from '@sluice/shared';

/** One numeric setting as OpenAPI describes it, from the bounds the validation itself uses. */
function settingSchema(key: NumericDeliverySetting): SchemaObject {
  const { min, max, isInteger } = DELIVERY_BOUNDS[key];

  return {
    type: isInteger ? 'integer' : 'number',
    minimum: min,
    maximum: max,
    default: DELIVERY_DEFAULTS[key],
  };
}

const numericSettings = Object.fromEntries(
  (Object.keys(DELIVERY_BOUNDS) as NumericDeliverySetting[]).map((key) => [
    key,
    settingSchema(key),
  ]),
);

/** Body of `POST /api/batches/:batchId/approve` and `.../test-request`. */
export const ENDPOINT_CONFIG_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['url'],
  properties: {
    url: { type: 'string', format: 'uri', description: 'http or https webhook URL' },
    headers: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Sent with every request; sealed at rest and never shown again',
    },
    secret: {
      type: 'string',
      pattern: '^whsec_',
      description: 'Standard Webhooks signing secret; generated when absent',
    },
    ...numericSettings,
    permanentStatusCodes: {
      type: 'array',
      items: { type: 'integer', minimum: 400, maximum: 599 },
      default: DELIVERY_DEFAULTS.permanentStatusCodes,
    },
  },
};

/** Body of `PATCH /api/batches/:batchId/config`: the settings a running batch may change. */
export const LIVE_SETTINGS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: Object.fromEntries(LIVE_SETTINGS.map((key) => [key, settingSchema(key)])),
};

/** Body of `POST /api/batches/:batchId/retry-failed`. */
export const RETRY_FAILED_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    errorCodes: {
      type: 'array',
      items: { type: 'string' },
      description: 'Retry only deliveries whose last attempt failed with one of these codes',
    },
  },
};

/** Body of `POST /api/batches`: the CSV file as multipart field `file`. */
export const UPLOAD_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary' } },
};
