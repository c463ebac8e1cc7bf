import { readFile } from 'node:fs/promises';

import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';

import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { buildConsole } from './support/console-build';
import { ConsoleBrowser } from './support/console-browser';
import { containsText, hasCount, visible } from './support/page-waits';
import { peopleWithOneBadRow } from './support/people-csv';

const RECORDS = 40;
const BAD_LINE = 6;
const STEP_TIMEOUT_MS = 60_000;

describe('the console in a real browser against the real stack', () => {
  let stack: SluiceStack;
  let receiver: WebhookReceiver;
  let browser: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    const siteRoot = buildConsole();
    stack = await startSluiceStack({ apiEnv: { API_ADMIN_DIST_DIR: siteRoot } });
  });

  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
  });

  afterEach(async () => {
    const errors = browser?.pageErrors ?? [];
    const cspViolations = browser?.cspViolations ?? [];
    await browser?.close();
    await receiver.stop();
    expect(errors.map((error) => error.message)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  afterAll(() => stack?.stop());

  it('takes a file from upload through review and approval to done, as received', async () => {
    browser = await ConsoleBrowser.launch('upload-to-done');
    page = browser.page;

    await signIn();
    // The build's inline script switches the stylesheet on; the API's CSP allows it by hash.
    const styleMedia = await page.evaluate(() =>
      [...document.querySelectorAll('link[rel=stylesheet]')].map((link) =>
        link.getAttribute('media'),
      ),
    );
    expect(styleMedia).toEqual(['all']);
    await browser.screenshot('dashboard');
    await browser.phoneScreenshot('dashboard');
    const batchId = await uploadPeople('people.csv');

    await visible(page.getByRole('heading', { name: '1. Check what was read' }), STEP_TIMEOUT_MS);
    expect(await figure('app-detected-format', 'Records')).toBe(String(RECORDS));
    expect(await figure('app-detected-format', 'Parse errors')).toBe('1');
    expect(await figure('app-detected-format', 'Delimiter')).toBe('Comma (,)');
    const records = page.getByRole('table', { name: 'Records' });
    await containsText(records.getByRole('row').nth(1), 'person-1@example.test');
    const parseErrors = page.getByRole('table', { name: 'Parse errors' });
    await containsText(parseErrors.getByRole('row').nth(1), String(BAD_LINE));
    await browser.screenshot('review');
    await browser.phoneScreenshot('review');

    await containsText(page.locator('app-live-mode-notice'), 'Live');
    await fillEndpoint({ ratePerSecond: '20' });
    await page.getByRole('button', { name: 'Send a test request' }).click();
    await visible(page.getByText('Test request accepted: status 204'));
    await browser.screenshot('test-request');
    const testRequests = receiver.received.length;

    await approve();
    const secret = await page.getByLabel('Signing secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    await visible(page.getByRole('heading', { name: 'Sending' }));
    await browser.screenshot('sending');
    await page.getByRole('button', { name: 'I have stored it' }).click();

    await visible(page.getByRole('heading', { name: 'Completed', exact: true }), STEP_TIMEOUT_MS);
    await browser.screenshot('done');
    await browser.phoneScreenshot('done');
    const sent = receiver.received.slice(testRequests);
    expect(sent).toHaveLength(RECORDS);
    expect(new Set(sent.map((webhook) => webhook.headers['webhook-id'])).size).toBe(RECORDS);
    const verifier = new Webhook(secret ?? '');
    for (const webhook of sent) {
      expect(() =>
        verifier.verify(webhook.body, webhook.headers as Record<string, string>),
      ).not.toThrow();
    }
    expect(await summaryFigure('Succeeded')).toBe(String(RECORDS));
    expect(await summaryFigure('Failed')).toBe('0');
    expect(await summaryFigure('Records')).toBe(String(RECORDS));

    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    await visible(deliveries.getByRole('row', { name: /Succeeded/ }).first());
    await deliveries
      .getByRole('button', { name: /^Attempts of line/ })
      .first()
      .click();
    await containsText(page.getByRole('list', { name: 'Attempts' }), 'Status 204');
    await browser.screenshot('deliveries');

    await page.getByRole('link', { name: 'Batches', exact: true }).click();
    const row = page.getByRole('row', { name: /people\.csv/ });
    await containsText(row, 'Completed');
    await containsText(row, '100%');
    await browser.screenshot('dashboard-after');
    expect(batchId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows refused deliveries with their attempts and retries them to success', async () => {
    const refusedIds = new Set<string>();
    receiver.behaviour = (webhook) => {
      const record = JSON.parse(webhook.body) as { id: string };
      if (Number(record.id) % 4 === 0) {
        refusedIds.add(String(webhook.headers['webhook-id']));
        return { status: 422, body: '{"error":"unknown customer"}' };
      }
      return { status: 204 };
    };
    // This run also proves the fallback: without the socket, the console polls the snapshot.
    browser = await ConsoleBrowser.launch('retry-failed', { blockSocket: true });
    page = browser.page;

    await signIn();
    await uploadPeople('refused.csv');
    await visible(page.getByRole('heading', { name: '1. Check what was read' }), STEP_TIMEOUT_MS);
    await containsText(page.locator('app-live-mode-notice'), 'Live updates unavailable');
    await fillEndpoint({ ratePerSecond: '100' });
    await approve();
    await page.getByRole('button', { name: 'I have stored it' }).click();

    await visible(page.getByRole('heading', { name: 'Completed with failures' }), STEP_TIMEOUT_MS);
    const refused = RECORDS / 4;
    expect(refusedIds.size).toBe(refused);
    expect(await summaryFigure('Failed')).toBe(String(refused));
    expect(await summaryFigure('Succeeded')).toBe(String(RECORDS - refused));
    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    await hasCount(deliveries.getByRole('row', { name: /Failed/ }), refused);
    await deliveries
      .getByRole('button', { name: /^Attempts of line/ })
      .first()
      .click();
    const attempts = page.getByRole('list', { name: 'Attempts' });
    await containsText(attempts, 'Status 422');
    await containsText(attempts, 'Refused by the endpoint');
    await containsText(attempts, 'unknown customer');
    await browser.screenshot('failed-deliveries');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download failed records (CSV)' }).click();
    const failedCsv = await readFile((await (await download).path()) ?? '', 'utf8');
    expect(failedCsv.trim().split('\n')).toHaveLength(refused + 1);

    receiver.behaviour = () => ({ status: 204 });
    const before = receiver.received.length;
    await page.getByRole('button', { name: 'Retry failed' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Retry failed' }).click();
    await visible(page.getByRole('heading', { name: 'Completed', exact: true }), STEP_TIMEOUT_MS);
    await browser.screenshot('retried');
    const retried = receiver.received.slice(before);
    expect(new Set(retried.map((webhook) => String(webhook.headers['webhook-id'])))).toEqual(
      refusedIds,
    );
    expect(await summaryFigure('Succeeded')).toBe(String(RECORDS));
    expect(await summaryFigure('Failed')).toBe('0');
  });

  it('renders the API docs page under the same security headers', async () => {
    browser = await ConsoleBrowser.launch('api-docs');
    page = browser.page;

    await page.goto(`${stack.apiUrl}/api/docs`);

    await visible(page.getByRole('heading', { name: /Sluice API/ }));
    await visible(page.getByText('/api/batches/{batchId}/approve'));
    await browser.screenshot('api-docs');
  });

  async function signIn(): Promise<void> {
    await page.goto(`${stack.apiUrl}/`);
    await visible(page.getByRole('heading', { name: 'Sign in' }));
    await browser.screenshot('sign-in');
    await page.getByLabel('API token').fill(stack.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Batches' }));
  }

  /** Uploads the people file through "New batch" and returns the new batch's id. */
  async function uploadPeople(fileName: string): Promise<string> {
    const { csv } = peopleWithOneBadRow(RECORDS, BAD_LINE);
    await page.getByRole('link', { name: 'New batch' }).first().click();
    await visible(page.getByRole('heading', { name: 'New batch' }));
    await browser.screenshot('new-batch');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/, { timeout: STEP_TIMEOUT_MS });

    return page.url().split('/').at(-1) ?? '';
  }

  async function fillEndpoint(settings: { ratePerSecond: string }): Promise<void> {
    await page.getByLabel('URL').fill(receiver.url);
    await page.getByLabel('Rate (requests per second)').fill(settings.ratePerSecond);
    await page.getByLabel('Attempts per record').fill('2');
  }

  async function approve(): Promise<void> {
    await page.getByRole('button', { name: 'Approve and send' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve and send' }).click();
    await visible(page.getByRole('heading', { name: 'Copy the signing secret now' }));
  }

  /** A figure of the done panel's summary, by its label. */
  function summaryFigure(label: string): Promise<string> {
    return figure('app-done-panel', label);
  }

  /** The value a definition list under `scope` gives for `label`. */
  async function figure(scope: string, label: string): Promise<string> {
    const term = page.locator(`${scope} dt`, { hasText: new RegExp(`^\\s*${label}\\s*$`) });

    return ((await term.locator('xpath=following-sibling::dd').textContent()) ?? '').trim();
  }
});
