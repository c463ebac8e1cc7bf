import { TestBed } from '@angular/core/testing';

/** The button whose visible text is exactly `name`; fails the test when there is none. */
export function buttonNamed(root: HTMLElement, name: string): HTMLButtonElement {
  const buttons = Array.from(root.querySelectorAll<HTMLButtonElement>('button'));
  const button = buttons.find((candidate) => candidate.textContent?.trim() === name);
  if (!button) {
    throw new Error(`No button named ${name}`);
  }

  return button;
}

/** Picks `file` in the first file input under `root`, as the browser's file dialog would. */
export function chooseFile(root: HTMLElement, file: File): void {
  const input = root.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) {
    throw new Error('No file input');
  }

  // jsdom cannot open a file dialog, so the chosen files are set directly.
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
}

/** The input of the Material form field labelled `label`; fails the test when there is none. */
export function fieldLabelled(root: ParentNode, label: string): HTMLInputElement {
  const fields = Array.from(root.querySelectorAll('mat-form-field'));
  const field = fields.find((candidate) => {
    const text = candidate.querySelector('mat-label')?.textContent?.trim();
    return text === label;
  });
  const input = field?.querySelector<HTMLInputElement>('input');
  if (!input) {
    throw new Error(`No field labelled ${label}`);
  }

  return input;
}

/** Types `value` into an input and leaves it, as an operator would. */
export function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
}

/** The error a Material form field shows, if any. */
export function fieldError(root: ParentNode, label: string): string | null {
  const field = fieldLabelled(root, label).closest('mat-form-field');

  return field?.querySelector('mat-error')?.textContent?.trim() ?? null;
}

/** Clicks a button of the open dialog (dialogs live in the overlay, outside the fixture). */
export function clickDialogButton(name: string): void {
  const dialog = document.querySelector<HTMLElement>('mat-dialog-container');
  if (!dialog) {
    throw new Error('No dialog is open');
  }

  buttonNamed(dialog, name).click();
}

/**
 * Lets timers, animation frames and change detection run while HTTP requests stay open, where
 * `whenStable` would wait for those requests (the CDK's virtual scroll measures on a frame).
 */
export async function settle(): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  TestBed.tick();
}

/** The terms and values of the definition lists under `root`, whitespace collapsed. */
export function definitions(root: ParentNode): Record<string, string> {
  const terms = Array.from(root.querySelectorAll('dt'));

  return Object.fromEntries(
    terms.map((term) => [
      collapse(term.textContent),
      collapse(term.nextElementSibling?.textContent),
    ]),
  );
}

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
