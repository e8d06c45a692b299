import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from './harness.ts';

// What every browser test file shares: Debian's Chromium, a wasl server with an owner who signs
// in, and the page helpers. `.ci/run` installs Chromium and sets WASL_REQUIRE_BROWSER=1, so CI
// never skips. Screenshots go to test-artifacts/web/.

// The browser's globals, for the functions Playwright runs in the page (this project's
// TypeScript settings are Node's, without the DOM).
declare const document: any;
declare const sessionStorage: any;

export const CHROMIUM = process.env.WASL_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
export const skip = !CHROMIUM && process.env.WASL_REQUIRE_BROWSER !== '1' ? 'Chromium is not installed (apt-get install -y chromium)' : false;
export const ARTIFACTS = 'test-artifacts/web';
export const OWNER = { email: 'owner@example.com', password: 'a-long-test-password-1' };
export const desk = { viewport: { width: 1280, height: 860 } };
export const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export type Locale = 'ar-SA' | 'en-US';

export interface WebSession {
  s: TestServer;
  browser: Browser | undefined;
  /** Whether this server has sign-in; without it the app runs on the API key. */
  signInAvailable: boolean;
  /** Errors thrown in any page: none is acceptable. */
  pageErrors: string[];
  open(locale: Locale, device?: object): Promise<{ context: BrowserContext; page: Page }>;
  /** Signed in as the owner (through the form), on `path`, in `locale`'s language. */
  signedIn(locale: Locale, device?: object, path?: string): Promise<{ context: BrowserContext; page: Page }>;
  /** Signed in as someone else, through the form. */
  signedInAs(who: { email: string; password: string }, locale: Locale, device?: object, path?: string): Promise<{ context: BrowserContext; page: Page }>;
  stop(): Promise<void>;
}

/** Build the app when missing or stale, start a server (with the worker) and Chromium. */
export async function startWebSession(opts: { env?: Record<string, string> } = {}): Promise<WebSession> {
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
  assert.equal(build.status, 0, 'building the web app failed');
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!skip) assert.ok(CHROMIUM, 'WASL_REQUIRE_BROWSER=1 but no Chromium at /usr/bin/chromium (or WASL_CHROMIUM)');
  const [s, browser] = await Promise.all([
    startTestServer({ worker: true, env: { WASL_OWNER_EMAIL: OWNER.email, WASL_OWNER_PASSWORD: OWNER.password, ...opts.env } }),
    skip ? undefined : chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] }),
  ]);
  const probe = await fetch(`${s.url}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wasl-client': 'web' }, body: '{"email":"nobody@example.com","password":"x"}' });
  // WASL_TEST_WEB_API_KEY=1 drives the app on the API key even where sign-in exists.
  const signInAvailable = probe.status !== 404 && process.env.WASL_TEST_WEB_API_KEY !== '1';
  if (!signInAvailable) console.log('# signed-in tests run on the API key (no POST /v1/auth/sign-in here, or WASL_TEST_WEB_API_KEY=1)');
  const pageErrors: string[] = [];

  const open = async (locale: Locale, device: object = desk) => {
    const context = await browser!.newContext({ ...device, locale });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    return { context, page };
  };
  const signedInAs = async (who: { email: string; password: string }, locale: Locale, device: object = desk, path = '/orders') => {
    const { context, page } = await open(locale, device);
    if (signInAvailable) {
      await page.goto(`${s.url}/sign-in?next=${encodeURIComponent(path)}`);
      await page.fill('input[name=email]', who.email);
      await page.fill('input[name=password]', who.password);
      await page.click('form.sign-in-form button[type=submit]');
    } else {
      await context.addInitScript((key) => sessionStorage.setItem('wasl_api_key', key), s.key);
      await page.goto(`${s.url}${path}`);
    }
    await page.waitForSelector('[data-testid=nav]', { state: 'attached' });
    // The user's saved language wins after sign-in; an earlier test may have saved the other one.
    const lang = locale.slice(0, 2);
    if ((await page.getAttribute('html', 'lang')) !== lang) await page.click('[data-testid=lang-toggle]');
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    return { context, page };
  };
  return {
    s, browser, signInAvailable, pageErrors, open, signedInAs,
    signedIn: (locale, device, path) => signedInAs(OWNER, locale, device, path),
    async stop() {
      await browser?.close();
      await s?.stop();
    },
  };
}

export const box = async (page: Page, selector: string) => {
  const b = await page.locator(selector).first().boundingBox();
  assert.ok(b, `${selector} is not on the screen`);
  return b;
};

export const noOverflow = async (page: Page, what: string) => {
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  assert.ok(overflow <= 0, `${what}: the page is ${overflow}px wider than the screen`);
};

/** Where the words of an element are (a block's box is as wide as its parent; its text is not). */
export const textBox = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const r = range.getBoundingClientRect();
    return { x: r.x as number, y: r.y as number, width: r.width as number, height: r.height as number };
  });

export const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage });
