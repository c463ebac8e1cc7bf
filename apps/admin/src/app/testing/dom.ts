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
