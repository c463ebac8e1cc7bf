export * from './activity-contracts';
export * from './batch/chunk-plan';
export * from './definitions';
export * from './retry-policies';
export * from './search-attributes';
export type { ProcessBatchResult } from './batch/process-batch.workflow';
