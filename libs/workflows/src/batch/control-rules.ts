import { ApplicationFailure } from '@temporalio/workflow';

import {
  LIVE_SETTINGS,
  validateDeliverySettings,
  type BatchConfigPatch,
  type DeliverySettings,
} from '@sluice/shared';

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
  const settings = validateDeliverySettings(input?.settings ?? {});
  if (typeof input?.endpointConfigId !== 'string' || settings.issues.length > 0) {
    throw invalidSettings(settings.issues);
  }
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

function invalidSettings(issues: { field: string; message: string }[]): ApplicationFailure {
  return ApplicationFailure.create({
    type: UPDATE_REFUSAL_TYPES.invalidSettings,
    message: 'The settings are invalid',
    details: [issues],
    nonRetryable: true,
  });
}
