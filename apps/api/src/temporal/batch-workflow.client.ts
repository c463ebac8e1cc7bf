import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure, TypedSearchAttributes } from '@temporalio/common';

import {
  batchWorkflowId,
  ConflictError,
  DomainError,
  ValidationError,
  type BatchConfigPatch,
  type FieldIssue,
} from '@sluice/shared';
import {
  approveBatchUpdate,
  BATCH_ID_SEARCH_ATTRIBUTE,
  BATCH_PHASE_SEARCH_ATTRIBUTE,
  cancelBatchUpdate,
  pauseBatchUpdate,
  reconfigureBatchUpdate,
  reparseBatchUpdate,
  resumeBatchUpdate,
  UPDATE_REFUSAL_TYPES,
  type ApproveBatchInput,
  type BatchControlState,
  type FormatChoice,
  type ProcessBatchInput,
  type RetryPassInput,
} from '@sluice/workflows';

import { API_CONFIG, type ApiConfig } from '../config/api-config';

/** Updates wait for a worker; without one they would wait forever. */
const UPDATE_DEADLINE_MS = 15_000;
const WORKFLOW_TYPE = 'processBatchWorkflow';

/** Starts batch workflows and sends them operator commands, mapping refusals to domain errors. */
@Injectable()
export class BatchWorkflowClient {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async start(batchId: string, retryPass?: RetryPassInput): Promise<void> {
    const input: ProcessBatchInput = retryPass ? { batchId, retryPass } : { batchId };
    await this.call(() =>
      this.client.workflow.start(WORKFLOW_TYPE, {
        taskQueue: this.config.taskQueue,
        workflowId: batchWorkflowId(batchId),
        args: [input],
        typedSearchAttributes: new TypedSearchAttributes([
          { key: BATCH_ID_SEARCH_ATTRIBUTE, value: batchId },
          { key: BATCH_PHASE_SEARCH_ATTRIBUTE, value: retryPass ? 'sending' : 'parsing' },
        ]),
      }),
    );
  }

  /**
   * Starts a retry pass as a new run. The previous run records its final phase just before it
   * returns, so a pass asked for in that instant waits for the run to close, then starts.
   */
  async startRetryPass(batchId: string, retryPass: RetryPassInput): Promise<void> {
    try {
      await this.start(batchId, retryPass);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await this.call(() =>
        this.handle(batchId)
          .result()
          .catch(() => undefined),
      );
      await this.start(batchId, retryPass);
    }
  }

  approve(batchId: string, input: ApproveBatchInput): Promise<BatchControlState> {
    return this.call(() =>
      this.handle(batchId).executeUpdate(approveBatchUpdate, { args: [input] }),
    );
  }

  cancel(batchId: string): Promise<BatchControlState> {
    return this.call(() => this.handle(batchId).executeUpdate(cancelBatchUpdate, { args: [] }));
  }

  pause(batchId: string): Promise<BatchControlState> {
    return this.call(() => this.handle(batchId).executeUpdate(pauseBatchUpdate, { args: [] }));
  }

  resume(batchId: string): Promise<BatchControlState> {
    return this.call(() => this.handle(batchId).executeUpdate(resumeBatchUpdate, { args: [] }));
  }

  reconfigure(batchId: string, patch: BatchConfigPatch): Promise<BatchControlState> {
    return this.call(() =>
      this.handle(batchId).executeUpdate(reconfigureBatchUpdate, { args: [patch] }),
    );
  }

  /** Answers once the re-read has begun, or refuses when the file cannot be read that way. */
  reparse(batchId: string, choice: FormatChoice): Promise<BatchControlState> {
    return this.call(() =>
      this.handle(batchId).executeUpdate(reparseBatchUpdate, { args: [choice] }),
    );
  }

  private handle(batchId: string): WorkflowHandle {
    return this.client.workflow.getHandle(batchWorkflowId(batchId));
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await this.client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, send);
    } catch (error) {
      throw toDomainError(error);
    }
  }
}

function toDomainError(error: unknown): DomainError {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    if (failure.type === UPDATE_REFUSAL_TYPES.invalidSettings) {
      const [issues] = (failure.details ?? []) as [FieldIssue[] | undefined];
      return new ValidationError(failure.message, issues ?? []);
    }
    if (failure.type === UPDATE_REFUSAL_TYPES.phaseConflict) {
      return new ConflictError(failure.message);
    }
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new ConflictError('Refused because the batch is already sending', { cause: error });
  }
  // A workflow that has ended takes no more commands.
  if (error instanceof WorkflowNotFoundError || isCompletedWorkflowError(error)) {
    return new ConflictError('Refused because the batch has ended', { cause: error });
  }

  return new DomainError('TEMPORAL_UNAVAILABLE', 'Temporal did not answer in time; try again', {
    cause: error,
  });
}

function isCompletedWorkflowError(error: unknown): boolean {
  return (
    error instanceof Error && /already completed|workflow execution.*complete/i.test(error.message)
  );
}
