import type { Locator, Page } from 'playwright-core';

import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { buildConsole } from './support/console-build';
import { ConsoleBrowser } from './support/console-browser';
import { containsText, hasCount, visible } from './support/page-waits';
import { peopleWithOneBadRow } from './support/people-csv';

const RECORDS = 40;
const BAD_LINE = 6;
const STEP_TIMEOUT_MS = 60_000;
/** Without the socket the console reads the list every 10 s; a loaded machine gets a margin. */
const POLLED_TIMEOUT_MS = 25_000;

describe('the console following batches it did not start', () => {
  let stack: SluiceStack;
  let receiver: WebhookReceiver;
  let api: ApiClient;
  let browser: ConsoleBrowser;
  let page: Page;
  let fileCount = 0;

  beforeAll(async () => {
    const siteRoot = buildConsole();
    receiver = await new WebhookReceiver().start();
    stack = await startSluiceStack({ apiEnv: { API_ADMIN_DIST_DIR: siteRoot } });
    api = new ApiClient(stack);
  });

  afterEach(async () => {
    const errors = browser?.pageErrors ?? [];
    const cspViolations = browser?.cspViolations ?? [];
    await browser?.close();
    expect(errors.map((error) => error.message)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  it('lists a batch uploaded through the API, and its end, on the open dashboard', async () => {
    browser = await ConsoleBrowser.launch('list-live');
    page = browser.page;
    await signIn();
    await visible(listNotice().filter({ hasText: /^\s*Live\s*$/ }));
    await markPage();

    const fileName = uniqueFileName('started-elsewhere');
    const batch = await api.upload(fileName, peopleWithOneBadRow(RECORDS, BAD_LINE).csv);
    const row = rowOf(fileName);
    await visible(row);
    await containsText(row, 'Awaiting approval', STEP_TIMEOUT_MS);
    await browser.screenshot('started-elsewhere');
    await browser.phoneScreenshot('started-elsewhere');
    const cancelled = await api.request('POST', `/api/batches/${batch.id}/cancel`, {});

    expect(cancelled.status).toBe(200);
    await containsText(row, 'Cancelled');
    await browser.screenshot('ended-elsewhere');
    expect(await isSamePage()).toBe(true);
  });

  it('finds a batch uploaded through the API by polling while the socket is blocked', async () => {
    browser = await ConsoleBrowser.launch('list-polled', { blockSocket: true });
    page = browser.page;
    await signIn();
    await containsText(listNotice(), 'Live updates unavailable');
    await markPage();

    const fileName = uniqueFileName('polled');
    await api.upload(fileName, peopleWithOneBadRow(RECORDS, BAD_LINE).csv);

    await visible(rowOf(fileName), POLLED_TIMEOUT_MS);
    await browser.screenshot('found-by-polling');
    expect(await isSamePage()).toBe(true);
  });

  it('tells the operator in a notice they can dismiss that sending paused itself', async () => {
    // Every request fails and none is retried, so the default 25 failures in a row come fast.
    receiver.behaviour = () => ({ status: 503 });
    browser = await ConsoleBrowser.launch('attention-notice');
    page = browser.page;
    await signIn();
    const fileName = uniqueFileName('failing');
    const batch = await api.upload(fileName, peopleWithOneBadRow(RECORDS, BAD_LINE).csv);
    await page.getByRole('link', { name: fileName, exact: true }).click();
    await visible(page.getByRole('heading', { name: '1. Check what was read' }), STEP_TIMEOUT_MS);

    await page.getByLabel('URL').fill(receiver.url);
    await page.getByLabel('Rate (requests per second)').fill('100');
    await page.getByLabel('Attempts per record').fill('1');
    // Fewer slots than records: most requests still wait for one when the chunk pauses itself.
    await page.getByLabel('Concurrency').fill('8');
    await page.getByRole('button', { name: 'Approve and send' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve and send' }).click();
    await page.getByRole('button', { name: 'I have stored it' }).click();

    const notice = page.getByRole('alert').filter({ hasText: 'Paused after repeated failures' });
    await visible(notice, STEP_TIMEOUT_MS);
    await containsText(notice, 'attempts failed in a row');
    await visible(page.getByRole('button', { name: 'Resume' }));
    await browser.screenshot('auto-paused');
    await browser.phoneScreenshot('auto-paused');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await hasCount(notice, 0);
    await browser.screenshot('dismissed');
    await api.request('POST', `/api/batches/${batch.id}/cancel`, {});
  });

  async function signIn(): Promise<void> {
    await page.goto(`${stack.apiUrl}/`);
    await page.getByLabel('API token').fill(stack.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Batches' }));
  }

  function listNotice(): Locator {
    return page.locator('app-batch-list app-live-mode-notice');
  }

  function rowOf(fileName: string): Locator {
    return page.getByRole('row', { name: new RegExp(fileName.replace(/\./g, '\\.')) });
  }

  function uniqueFileName(stem: string): string {
    fileCount += 1;

    return `${stem}-${fileCount}-${Date.now()}.csv`;
  }

  /** Leaves a mark a reload would wipe, so a test can prove the page stayed the same. */
  async function markPage(): Promise<void> {
    await page.evaluate(() => Object.assign(window, { sluiceMark: true }));
  }

  async function isSamePage(): Promise<boolean> {
    return page.evaluate(() => (window as { sluiceMark?: boolean }).sluiceMark === true);
  }
});
