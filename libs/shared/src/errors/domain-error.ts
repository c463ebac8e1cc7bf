import type { FieldIssue } from '../domain/endpoint-config';
import type { ErrorCode } from './error-codes';

/** Base of every error Sluice raises on purpose; the code decides how it is reported. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input that breaks a rule; `issues` names each invalid field. */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super('VALIDATION_FAILED', message);
  }
}

/** A resource that does not exist (or is not visible to the caller). */
export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** A command that the batch cannot take in its current phase. */
export class ConflictError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BATCH_PHASE_CONFLICT', message, options);
  }
}
