import { ApplicationFailure } from '@temporalio/workflow';

import {
  LIVE_SETTINGS,
  validateDeliverySettings,
  validateReparseRequest,
  type BatchConfigPatch,
  type DeliverySettings,
} from '@sluice/shared';

import type { FormatChoice } from '../activity-contracts';
import {
  UPDATE_REFUSAL_TYPES,
  type ApproveBatchInput,
  type BatchControlState,
} from '../definitions';

/** Refuses an update with a phase conflict (HTTP 409) unless `isAllowed`. */
export function refuseUnless(isAllowed: boolean, why: string): void {
  if (isAllowed) return;
  throw ApplicationFailure.create({
    type: UPDATE_REFUSAL_TYPES.phaseConflict,
    message: `Refused because ${why.replace(/_/g, ' ')}`,
    nonRetryable: true,
  });
}

export function validateApproval(
  state: BatchControlState,
  pending: ApproveBatchInput | undefined,
  input: ApproveBatchInput,
): void {
  refuseUnless(
    state.phase === 'awaiting_approval' && pending === undefined,
    `the batch is ${state.phase}, not awaiting approval`,
  );
  // A batch re-read into no records stays for another try, but has nothing to send.
  refuseUnless(state.recordCount > 0, 'the batch has no records to send');
  const settings = validateDeliverySettings(input?.settings ?? {});
  if (typeof input?.endpointConfigId !== 'string' || settings.issues.length > 0) {
    throw invalidSettings(settings.issues);
  }
}

/** A re-read needs a batch awaiting approval (and not approved yet) and known values. */
export function validateReparse(
  state: BatchControlState,
  pending: ApproveBatchInput | undefined,
  choice: FormatChoice,
): void {
  refuseUnless(
    state.phase === 'awaiting_approval' && pending === undefined,
    `the batch is ${state.phase}, not awaiting approval`,
  );
  const issues = validateReparseRequest(choice);
  if (issues.length > 0) throw invalidSettings(issues, 'The reading options are invalid');
}

/** Refuses a re-read the file did not allow (400); the phase says what became of the batch. */
export function unreadableWith(message: string): ApplicationFailure {
  return invalidSettings([{ field: 'format', message }], message);
}

/** The settings after a live change; throws the refusal a validator should raise. */
export function mergeLiveSettings(
  state: BatchControlState,
  patch: BatchConfigPatch,
): DeliverySettings {
  refuseUnless(
    (state.phase === 'sending' || state.phase === 'paused') && state.settings !== null,
    `the batch is ${state.phase}, not sending or paused`,
  );
  const unknown = Object.keys(patch ?? {}).filter(
    (key) => !(LIVE_SETTINGS as readonly string[]).includes(key),
  );
  const live = Object.fromEntries(
    Object.entries(patch ?? {}).filter(([key]) => !unknown.includes(key)),
  );
  const result = validateDeliverySettings(live, state.settings as DeliverySettings);
  const issues = [
    ...unknown.map((field) => ({ field, message: 'Cannot be changed while sending' })),
    ...result.issues,
  ];
  if (issues.length > 0 || !result.value) throw invalidSettings(issues);

  return result.value;
}

function invalidSettings(
  issues: { field: string; message: string }[],
  message = 'The settings are invalid',
): ApplicationFailure {
  return ApplicationFailure.create({
    type: UPDATE_REFUSAL_TYPES.invalidSettings,
    message,
    details: [issues],
    nonRetryable: true,
  });
}
