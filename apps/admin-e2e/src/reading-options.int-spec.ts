import type { Page } from 'playwright-core';

import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { buildConsole } from './support/console-build';
import { ConsoleBrowser } from './support/console-browser';
import { containsText, visible } from './support/page-waits';

const STEP_TIMEOUT_MS = 60_000;

/** "Zoë Müller;Zürich" and the rest, as a Windows-1252 spreadsheet export writes them. */
const CSV_1252 = Buffer.from(
  Array.from('name;city\r\nZoë Müller;Zürich\r\nJosé Núñez;São Paulo\r\n', (char) =>
    char.charCodeAt(0),
  ),
);

describe('reading a file differently in the console', () => {
  let stack: SluiceStack;
  let receiver: WebhookReceiver;
  let browser: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    const siteRoot = buildConsole();
    receiver = await new WebhookReceiver().start();
    stack = await startSluiceStack({ apiEnv: { API_ADMIN_DIST_DIR: siteRoot } });
  });

  afterEach(async () => {
    const errors = browser?.pageErrors ?? [];
    await browser?.close();
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  it('shows the detected encoding, re-reads the file as chosen, and sends nothing', async () => {
    browser = await ConsoleBrowser.launch('reading-options');
    page = browser.page;
    await signIn();
    const batchId = await upload('export.csv', CSV_1252);

    await visible(page.getByRole('heading', { name: '1. Check what was read' }), STEP_TIMEOUT_MS);
    expect(await figure('Encoding')).toBe('Windows-1252 (Western European)');
    expect(await figure('Delimiter')).toBe('Semicolon (;)');
    const records = page.getByRole('table', { name: 'Records' });
    await containsText(records.getByRole('row').nth(1), 'Zoë Müller');
    await browser.screenshot('detected');
    // An endpoint typed in but not approved: the receiver is Sluice's to reach from here on, and
    // reading again must neither take it as an approval nor send to it.
    await page.getByLabel('URL').fill(receiver.url);

    await page.getByLabel('Encoding').selectOption('utf-8');
    await page.getByRole('button', { name: 'Read the file again' }).click();
    await visible(page.getByRole('heading', { name: '1. Check what was read' }), STEP_TIMEOUT_MS);
    await containsText(page.locator('app-detected-format'), 'UTF-8', STEP_TIMEOUT_MS);
    await containsText(records.getByRole('row').nth(1), 'Zo\ufffd M\ufffdller');
    await browser.screenshot('read-as-utf-8');

    await page.getByLabel('Encoding').selectOption('windows-1252');
    await page.getByRole('button', { name: 'Read the file again' }).click();
    await containsText(page.locator('app-detected-format'), 'Windows-1252', STEP_TIMEOUT_MS);
    await containsText(records.getByRole('row').nth(1), 'Zoë Müller');
    await containsText(records.getByRole('row').nth(2), 'José Núñez');
    await browser.screenshot('read-as-windows-1252');

    const batch = await new ApiClient(stack).getBatch(batchId);
    expect(batch.phase).toBe('awaiting_approval');
    expect(receiver.count).toBe(0);
  });

  async function signIn(): Promise<void> {
    await page.goto(`${stack.apiUrl}/`);
    await page.getByLabel('API token').fill(stack.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Batches' }));
  }

  /** Uploads through "New batch" and returns the new batch's id, from the page it opens. */
  async function upload(fileName: string, buffer: Buffer): Promise<string> {
    await page.getByRole('link', { name: 'New batch' }).first().click();
    await visible(page.getByRole('heading', { name: 'New batch' }));
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer });
    await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/, { timeout: STEP_TIMEOUT_MS });

    return page.url().split('/').at(-1) ?? '';
  }

  async function figure(label: string): Promise<string> {
    const term = page.locator('app-detected-format dt', {
      hasText: new RegExp(`^\\s*${label}\\s*$`),
    });

    return ((await term.locator('xpath=following-sibling::dd').textContent()) ?? '').trim();
  }
});
