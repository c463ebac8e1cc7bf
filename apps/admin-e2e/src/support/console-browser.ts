import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; `scripts/lib/ensure-chromium.sh` installs it where it is missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

const artifactsRoot = resolve(__dirname, '../../../../test-artifacts/admin-e2e');

/**
 * A headless Chromium with a fresh profile that may reach 127.0.0.1 only, saving a screenshot
 * of each step of a test under `test-artifacts/admin-e2e/<suite>/`.
 */
export class ConsoleBrowser {
  /** Uncaught errors of the page: a console that throws fails its test even if it looks fine. */
  readonly pageErrors: Error[] = [];
  /** What the API's Content-Security-Policy blocked: nothing, or the console lost a part. */
  readonly cspViolations: string[] = [];
  private step = 0;

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly profileDir: string,
    private readonly artifactsDir: string,
  ) {}

  /**
   * @param options.blockSocket refuse the console's Socket.IO requests, as a proxy without
   *   WebSocket support would, so the console must fall back to polling.
   */
  static async launch(suite: string, options: { blockSocket?: boolean } = {}) {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`${CHROMIUM_PATH} is missing: run scripts/lib/ensure-chromium.sh`);
    }
    const profileDir = await mkdtemp(join(tmpdir(), 'sluice-chromium-'));
    const artifactsDir = join(artifactsRoot, suite);
    await rm(artifactsDir, { recursive: true, force: true });
    await mkdir(artifactsDir, { recursive: true });
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: LAPTOP,
      acceptDownloads: true,
    });
    // The console talks to its own origin only; anything else is a bug, refused at once.
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => route.abort('blockedbyclient'),
    );
    if (options.blockSocket) {
      await context.route('**/socket.io/**', (route) => route.abort('connectionrefused'));
    }
    const page = context.pages()[0] ?? (await context.newPage());
    const browser = new ConsoleBrowser(page, context, profileDir, artifactsDir);
    page.on('pageerror', (error) => browser.pageErrors.push(error));
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && text.includes('Content Security Policy')) {
        browser.cspViolations.push(text);
      }
    });

    return browser;
  }

  /** Saves the page as `NN-name.png`, numbered in the order the steps happen. */
  async screenshot(name: string): Promise<void> {
    this.step += 1;
    const file = `${String(this.step).padStart(2, '0')}-${name}.png`;
    await this.page.screenshot({ path: join(this.artifactsDir, file), fullPage: true });
  }

  /**
   * The same page at phone width, saved beside the laptop shots, then back to laptop width.
   * Fails when the page does not fit the phone's width (nothing may scroll the page sideways).
   */
  async phoneScreenshot(name: string): Promise<void> {
    await this.page.setViewportSize(PHONE);
    try {
      await this.page.waitForFunction(
        () => document.documentElement.scrollWidth <= window.innerWidth,
        undefined,
        { timeout: 5_000 },
      );
    } catch (error) {
      // Timed out: name the elements that stick out, which is what a fix needs.
      throw new Error(`${name} is wider than a phone: ${await this.overflowing()}`, {
        cause: error,
      });
    }
    await this.screenshot(`${name}-phone`);
    await this.page.setViewportSize(LAPTOP);
  }

  private overflowing(): Promise<string> {
    return this.page.evaluate(() => {
      const wide = Array.from(document.querySelectorAll('body *')).filter(
        (element) => element.getBoundingClientRect().right > window.innerWidth + 1,
      );
      const innermost = wide.filter(
        (element) => !wide.some((other) => element.contains(other) && other !== element),
      );

      return innermost
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`)
        .join(', ');
    });
  }

  async close(): Promise<void> {
    await this.context.close();
    await rm(this.profileDir, { recursive: true, force: true });
  }
}
