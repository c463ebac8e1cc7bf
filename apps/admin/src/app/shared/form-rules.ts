import { AbstractControl, ValidationErrors } from '@angular/forms';

import {
  DELIVERY_BOUNDS,
  DELIVERY_DEFAULTS,
  NumericDeliverySetting,
  validateDeliverySettings,
} from '@sluice/shared';

// Bounds only: the order of backoff base and cap depends on both fields, so the form checks it.
const UNORDERED_BASE = { ...DELIVERY_DEFAULTS, backoffBaseMs: 0, backoffCapMs: Infinity };

/** A delivery setting within the bounds the API applies; errors carry the shared message. */
export function deliverySettingRule(key: NumericDeliverySetting) {
  return (control: AbstractControl<number | null>): ValidationErrors | null => {
    if (control.value === null) {
      const { min, max } = DELIVERY_BOUNDS[key];
      return { rule: `Enter a number from ${min} to ${max}` };
    }
    const input = { [key]: control.value };
    const issue = validateDeliverySettings(input, UNORDERED_BASE).issues[0];

    return issue ? { rule: issue.message } : null;
  };
}

/** The message of a control's first error, if it has one. */
export function firstError(control: AbstractControl): string | null {
  const message = Object.values(control.errors ?? {})[0];

  return typeof message === 'string' ? message : null;
}
