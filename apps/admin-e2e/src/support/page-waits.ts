import type { Locator } from 'playwright-core';

const DEFAULT_TIMEOUT_MS = 15_000;
const POLL_MS = 100;

/** Waits until the first element of `locator` is visible. */
export async function visible(locator: Locator, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Waits until the text of the first element of `locator` contains `text`. */
export async function containsText(
  locator: Locator,
  text: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<void> {
  await until(
    async () => ((await locator.first().textContent({ timeout: timeoutMs })) ?? '').includes(text),
    async () => `“${text}” in “${(await locator.first().textContent()) ?? ''}”`,
    timeoutMs,
  );
}

/** Waits until `locator` matches exactly `count` elements. */
export async function hasCount(
  locator: Locator,
  count: number,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<void> {
  await until(
    async () => (await locator.count()) === count,
    async () => `${count} elements, found ${await locator.count()}`,
    timeoutMs,
  );
}

async function until(
  condition: () => Promise<boolean>,
  describe: () => Promise<string>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${await describe()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
