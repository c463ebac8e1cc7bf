export * from './outbound-guard';
export * from './retry-schedule';
export * from './signature';
export * from './webhook-client';
