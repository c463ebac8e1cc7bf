// Entry point of the workflow bundle: workflow functions only.
export { processBatchWorkflow } from './batch/process-batch.workflow';
