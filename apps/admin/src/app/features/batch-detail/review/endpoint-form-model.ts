import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  ValidationErrors,
} from '@angular/forms';

import {
  DELIVERY_DEFAULTS,
  FieldIssue,
  validateDeliverySettings,
  validateEndpointConfig,
} from '@sluice/shared';

import { ApprovalRequest } from '../../../core/http/batch-commands-api';
import { deliverySettingRule } from '../../../shared/form-rules';

export type SecretChoice = 'generate' | 'paste';

/** A URL any header check can run against; only the header part of the answer is read. */
const PROBE_URL = 'https://endpoint.example';

/** The numeric settings the form asks for, each starting at the shared default. */
export const FORM_SETTINGS = [
  'ratePerSecond',
  'concurrency',
  'recordsPerRequest',
  'timeoutMs',
  'maxAttempts',
  'backoffBaseMs',
  'backoffCapMs',
  'autoPauseConsecutiveFailures',
  'autoPauseFailureRatio',
  'autoPauseWindow',
] as const;

type FormSetting = (typeof FORM_SETTINGS)[number];

/** Fields in the folded "Retries and auto-pause" section, opened when one needs fixing. */
export const ADVANCED_FIELDS = [
  'backoffBaseMs',
  'backoffCapMs',
  'permanentStatusCodes',
  'autoPauseConsecutiveFailures',
  'autoPauseFailureRatio',
  'autoPauseWindow',
] as const;

/** Whether something in the folded section is wrong. */
export function hasAdvancedProblem(form: EndpointFormGroup): boolean {
  return form.hasError('backoff') || ADVANCED_FIELDS.some((field) => form.controls[field].invalid);
}

/** One header row of the form. */
export function headerRow(name = '', value = '') {
  return new FormGroup({
    name: new FormControl(name, { nonNullable: true, validators: headerNameRule }),
    value: new FormControl(value, { nonNullable: true, validators: headerValueRule }),
  });
}

export type HeaderRow = ReturnType<typeof headerRow>;

/**
 * The approval form. Every rule comes from `@sluice/shared`, the same functions the API and
 * the workflow's validator run, so the form refuses exactly what the API would.
 */
export function endpointForm() {
  const setting = (key: FormSetting) =>
    new FormControl<number | null>(DELIVERY_DEFAULTS[key], {
      validators: deliverySettingRule(key),
    });

  return new FormGroup(
    {
      url: new FormControl('', { nonNullable: true, validators: urlRule }),
      headers: new FormArray<HeaderRow>([], { validators: distinctHeaderNames }),
      secretChoice: new FormControl<SecretChoice>('generate', { nonNullable: true }),
      // Enabled only while the operator chooses to paste a secret.
      secret: new FormControl(
        { value: '', disabled: true },
        { nonNullable: true, validators: secretRule },
      ),
      ratePerSecond: setting('ratePerSecond'),
      concurrency: setting('concurrency'),
      recordsPerRequest: setting('recordsPerRequest'),
      timeoutMs: setting('timeoutMs'),
      maxAttempts: setting('maxAttempts'),
      backoffBaseMs: setting('backoffBaseMs'),
      backoffCapMs: setting('backoffCapMs'),
      autoPauseConsecutiveFailures: setting('autoPauseConsecutiveFailures'),
      autoPauseFailureRatio: setting('autoPauseFailureRatio'),
      autoPauseWindow: setting('autoPauseWindow'),
      permanentStatusCodes: new FormControl(DELIVERY_DEFAULTS.permanentStatusCodes.join(', '), {
        nonNullable: true,
        validators: statusCodesRule,
      }),
    },
    { validators: backoffOrder },
  );
}

export type EndpointFormGroup = ReturnType<typeof endpointForm>;

/** The request body the form describes; call only when the form is valid. */
export function toApprovalRequest(form: EndpointFormGroup): ApprovalRequest {
  const value = form.getRawValue();
  const headers = Object.fromEntries(
    value.headers.filter((row) => row.name.trim()).map((row) => [row.name.trim(), row.value]),
  );
  const request: ApprovalRequest = { url: value.url.trim(), headers };
  for (const key of FORM_SETTINGS) {
    const setting = value[key];
    if (setting !== null) {
      request[key] = setting;
    }
  }
  request.permanentStatusCodes = statusCodes(value.permanentStatusCodes) ?? [];
  if (value.secretChoice === 'paste') {
    request.secret = value.secret.trim();
  }

  return request;
}

/**
 * Shows the API's field issues on the fields they name. Returns the issues no field matched,
 * which the caller shows with the error.
 */
export function showIssues(form: EndpointFormGroup, issues: FieldIssue[]): FieldIssue[] {
  const unmatched: FieldIssue[] = [];
  for (const issue of issues) {
    const control = controlFor(form, issue.field);
    if (control) {
      control.setErrors({ api: issue.message });
      control.markAsTouched();
    } else {
      unmatched.push(issue);
    }
  }

  return unmatched;
}

function controlFor(form: EndpointFormGroup, field: string): AbstractControl | null {
  if (field.startsWith('headers.')) {
    const name = field.slice('headers.'.length);
    const row = form.controls.headers.controls.find((candidate) => {
      return candidate.controls.name.value.trim() === name;
    });
    return row?.controls.value ?? null;
  }
  const controls: Record<string, AbstractControl> = form.controls;

  return controls[field] ?? null;
}

function urlRule(control: AbstractControl<string>): ValidationErrors | null {
  const issue = validateEndpointConfig({ url: control.value.trim() }).issues[0];

  return issue ? { rule: issue.message } : null;
}

function backoffOrder(form: AbstractControl): ValidationErrors | null {
  const { backoffBaseMs, backoffCapMs } = (form as EndpointFormGroup).getRawValue();
  const isOutOfOrder =
    backoffBaseMs !== null && backoffCapMs !== null && backoffCapMs < backoffBaseMs;

  return isOutOfOrder ? { backoff: 'The longest retry delay must be at least the first' } : null;
}

/** A list such as `400, 404 410` as numbers, or null when a part is not a number. */
function statusCodes(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const codes = parts.map(Number);

  return codes.every(Number.isInteger) ? codes : null;
}

function statusCodesRule(control: AbstractControl<string>): ValidationErrors | null {
  const codes = statusCodes(control.value);
  const issue = validateDeliverySettings({ permanentStatusCodes: codes ?? [NaN] }).issues[0];

  return issue ? { rule: issue.message } : null;
}

function headerNameRule(control: AbstractControl<string>): ValidationErrors | null {
  const name = control.value.trim();
  if (!name) {
    return { rule: 'Enter a header name, or remove the row' };
  }
  const issue = validateEndpointConfig({ url: PROBE_URL, headers: { [name]: '' } }).issues[0];

  return issue ? { rule: issue.message } : null;
}

function headerValueRule(control: AbstractControl<string>): ValidationErrors | null {
  const probe = { url: PROBE_URL, headers: { 'X-Value': control.value } };
  const issue = validateEndpointConfig(probe).issues[0];

  return issue ? { rule: issue.message } : null;
}

function distinctHeaderNames(control: AbstractControl): ValidationErrors | null {
  const rows = (control as FormArray<HeaderRow>).getRawValue();
  const names = rows.map((row) => row.name.trim().toLowerCase()).filter(Boolean);

  return new Set(names).size === names.length ? null : { rule: 'Each header may appear once' };
}

function secretRule(control: AbstractControl<string>): ValidationErrors | null {
  const secret = control.value.trim();
  if (!secret) {
    return { rule: 'Paste the secret, or let Sluice generate one' };
  }
  const issue = validateEndpointConfig({ url: PROBE_URL, secret }).issues[0];

  return issue ? { rule: issue.message } : null;
}
