import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { linkIn, messagesOf, mobile, place, sku, waitFor } from './helpers.ts';

// The customer's page in a real browser on a phone-sized screen: Debian's Chromium driven by
// Playwright. `.ci/run` installs Chromium and sets WASL_REQUIRE_BROWSER=1, so CI never skips.
const CHROMIUM = process.env.WASL_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const skip = !CHROMIUM && process.env.WASL_REQUIRE_BROWSER !== '1' ? 'Chromium is not installed (apt-get install -y chromium)' : false;

let s: TestServer;
let browser: Browser;
before(async () => {
  if (skip) return;
  assert.ok(CHROMIUM, 'WASL_REQUIRE_BROWSER=1 but no Chromium at /usr/bin/chromium (or WASL_CHROMIUM)');
  [s, browser] = await Promise.all([
    startTestServer({ worker: true }),
    chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] }),
  ]);
  await s.api('PATCH', '/v1/store/settings', { verification: { steps: [{ channel: 'sms', after_seconds: 0 }, { channel: 'call', after_seconds: 3600 }] } });
});
after(async () => {
  await browser?.close();
  await s?.stop();
});

async function orderWithLink(over: Record<string, unknown> = {}) {
  const item = sku('PHONE');
  await stock(s, item, 5);
  const o = await place(s, orderBody({ customer: { name: 'ريم الزهراني', phone: mobile() }, lines: [{ sku: item, name: 'عباية سوداء مطرزة بخيوط ذهبية', quantity: 1, unit_price: '349.00' }], ...over }));
  const sms = await waitFor('the SMS', async () => (await messagesOf(s, o.id))[0]);
  return { o, link: `${s.url}${linkIn(sms.body)}` };
}

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

test('on a 360 px phone, in Arabic: right-to-left, nothing wider than the screen, big buttons; choose a window and confirm', { skip }, async () => {
  const { o, link } = await orderWithLink();
  const context = await browser.newContext({ ...phone, locale: 'ar-SA' });
  const page = await context.newPage();
  await page.goto(link);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  const overflow = await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") as number;
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await page.screenshot({ path: '/tmp/wasl-confirm-ar-360.png', fullPage: true });

  const confirm = page.locator('form[action$="/confirm"] button[type="submit"]');
  const box = await confirm.boundingBox();
  assert.ok(box && box.height >= 44 && box.width >= 200, `confirm button is ${JSON.stringify(box)}`);
  // The first offered window, chosen by tapping its label as a customer would.
  const first = page.locator('form[action$="/confirm"] input[name="window"]:not([value=""])').first();
  const value = await first.getAttribute('value');
  await page.locator(`label:has(input[value="${value}"])`).first().tap();
  assert.equal(await first.isChecked(), true);
  // The form posts, and the answer redirects back to the page, now confirmed.
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/confirm') && r.status() === 303), confirm.tap()]);
  await page.getByText('تم تأكيد طلبك').first().waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('form[action$="/confirm"]').count(), 0, 'no confirm form once confirmed');

  const after = (await s.api('GET', `/v1/orders/${o.id}`)).body;
  assert.equal(after.status, 'confirmed');
  assert.equal(after.verification.via, 'sms_link');
  const [date, from, to] = value!.split('|');
  assert.deepEqual(after.delivery.window_slot, { date, from, to });
  await context.close();
});

test('in English (browser language), left-to-right; the address is corrected from the page', { skip }, async () => {
  const { o, link } = await orderWithLink();
  const context = await browser.newContext({ ...phone, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${link}?lang=en`);
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.screenshot({ path: '/tmp/wasl-confirm-en-360.png', fullPage: true });
  await page.locator('details:has(form[action$="/address"]) summary').tap();
  await page.fill('form[action$="/address"] [name="line1"]', 'Prince Sultan Rd 4');
  await page.fill('form[action$="/address"] [name="city"]', 'Jeddah');
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/address') && r.status() === 303),
    page.locator('form[action$="/address"] button[type="submit"]').tap(),
  ]);
  await page.getByText('Jeddah').first().waitFor({ timeout: 10_000 });
  const after = (await s.api('GET', `/v1/orders/${o.id}`)).body;
  assert.equal(after.shipping_address.city, 'Jeddah');
  assert.equal(after.status, 'pending', 'correcting the address does not confirm');
  await context.close();
});
