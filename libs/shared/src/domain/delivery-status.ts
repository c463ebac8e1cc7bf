/** Status of one delivery: the duty to bring one record to the endpoint. */
export const DELIVERY_STATUSES = ['pending', 'in_flight', 'succeeded', 'failed'] as const;

/** See {@link DELIVERY_STATUSES}. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why an attempt failed; `null` on the attempt means it succeeded. */
export const ATTEMPT_ERROR_CODES = [
  'TIMEOUT',
  'CONNECTION_FAILED',
  'HTTP_4XX',
  'HTTP_5XX',
  'RATE_LIMITED',
  'ADDRESS_REFUSED',
] as const;

/** See {@link ATTEMPT_ERROR_CODES}. */
export type AttemptErrorCode = (typeof ATTEMPT_ERROR_CODES)[number];
