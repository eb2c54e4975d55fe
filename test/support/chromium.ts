/**
 * Real Chromium for the pages people open: Debian's `chromium` driven by playwright-core, which
 * downloads nothing. Every test gets a fresh browser context (its own cookies); when a test fails,
 * each of its open pages is saved as a screenshot under test-output/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where Debian puts Chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', 'test-output', 'screenshots');

/** Flags for a closed network: without them Chromium keeps calling Google's services, refused here. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}. The browser tests drive real Chromium: install Debian's package ` +
        '(sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}

export interface BrowserTestOptions {
  /** The browser's language (Accept-Language and navigator.language), e.g. fr-CA. */
  locale?: string;
}

/**
 * Runs `body` in a new browser context; on failure, screenshots every page it opened (named after
 * the test) before rethrowing. The context is closed either way.
 */
export async function inBrowser<T>(
  browser: Browser,
  testName: string,
  body: (context: BrowserContext) => Promise<T>,
  options: BrowserTestOptions = {},
): Promise<T> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-CA' });
  // Generous: the first page of a test waits for the stack; a stuck step still fails well within the test's timeout.
  context.setDefaultTimeout(15_000);
  try {
    return await body(context);
  } catch (error) {
    await screenshots(context, testName);
    throw error;
  } finally {
    await context.close();
  }
}

async function screenshots(context: BrowserContext, testName: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const slug = testName
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  const pages = context.pages();
  for (const [index, page] of pages.entries()) {
    const file = path.join(SCREENSHOT_DIR, `${slug}-${index + 1}.png`);
    await page.screenshot({ path: file, fullPage: true }).then(
      () => process.stderr.write(`screenshot of ${page.url()}: ${file}\n`),
      (error: Error) => process.stderr.write(`no screenshot of ${page.url()}: ${error.message}\n`),
    );
  }
}

/** The page a click opens in a new tab (window.open, a link with target=_blank). */
export async function newTabFrom(context: BrowserContext, click: () => Promise<unknown>): Promise<Page> {
  const [tab] = await Promise.all([context.waitForEvent('page'), click()]);
  await tab.waitForLoadState('domcontentloaded');
  return tab;
}

/**
 * Pauses every request of `page` whose URL matches `urlPattern` (CDP wildcards: `*` and `?`) and asks
 * `decide` what to do with it. Chromium's own interception, because page.route() does not see
 * the requests a redirect leads to (such as the provider's redirect to our callback). Returns a
 * function that stops intercepting.
 */
export async function interceptRequests(
  page: Page,
  urlPattern: string,
  decide: (url: string) => Promise<'continue' | 'abort'>,
): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern, requestStage: 'Request' }] });
  cdp.on('Fetch.requestPaused', (event) => {
    void decide(event.request.url).then((verdict) =>
      verdict === 'continue'
        ? cdp.send('Fetch.continueRequest', { requestId: event.requestId })
        : cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'Aborted' }),
    );
  });
  return async () => {
    await cdp.send('Fetch.disable');
    await cdp.detach();
  };
}
