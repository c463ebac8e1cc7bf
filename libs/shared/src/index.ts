export * from './api/api-types';
export * from './domain/batch-phase';
export * from './domain/delivery-status';
export * from './domain/endpoint-config';
export * from './domain/endpoint-config-validation';
export * from './errors/domain-error';
export * from './errors/error-codes';
export * from './temporal/temporal-names';
