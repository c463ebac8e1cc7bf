export * from './outbound-guard';
export * from './record-payload';
export * from './retry-schedule';
export * from './signature';
export * from './webhook-client';
