import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { TestServer } from './harness.ts';
import { waitFor } from './helpers.ts';
import { box, desk, noOverflow, OWNER, phone, shot, skip, startWebSession, type WebSession } from './web-browser.ts';
import { SIGNALS } from '../src/modules/risk/signals.ts';
import { RISK_DEFAULTS } from '../src/modules/risk/index.ts';
import { DEFAULT_LINKS } from '../src/modules/customers/link-identities.ts';
import { RISK_DEFAULTS as WEB_RISK_DEFAULTS, SIGNAL_WEIGHTS } from '../web/src/screens/settings/risk-defaults.ts';

// The settings screens (web/src/screens/settings/), driven in Chromium in Arabic and English as
// the owner, and as a confirmation agent who must not reach them. Every change is checked
// through the API, not only on the screen.

declare const document: any;

let s: TestServer;
let web: WebSession;

before(async () => {
  web = await startWebSession();
  ({ s } = web);
});
after(() => web?.stop());

const store = async () => (await s.api('GET', '/v1/store')).body;
const settingsPath = (section: string) => (section === 'store' ? '/settings' : `/settings/${section}`);

/** Signed in as the owner on a settings part, its form drawn. */
async function onSettings(locale: 'ar-SA' | 'en-US', section: string, device: object = desk) {
  const { context, page } = await web.signedIn(locale, device, settingsPath(section));
  await page.locator(`.settings-page[data-section="${section}"] .settings-body .card`).first().waitFor();
  return { context, page };
}

/** Arabic: right to left, and the list of parts on the right of the part shown (mirrored, not only translated). */
async function assertMirrored(page: Page, lang: 'ar' | 'en') {
  assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
  const nav = await box(page, '[data-testid=settings-nav]');
  const body = await box(page, '[data-testid=settings-body]');
  if (lang === 'ar') assert.ok(nav.x > body.x + body.width - 5, 'Arabic: the list of settings is at the right');
  else assert.ok(nav.x + nav.width < body.x + 5, 'English: the list of settings is at the left');
}

const savedNotice = (page: Page) => page.locator('[data-testid=saved]').first();

test('the screen\'s copy of customer analysis\'s defaults is the server\'s', () => {
  const server = Object.fromEntries(Object.entries(SIGNALS).map(([code, s]) => [code, s.weight]));
  for (const [code, weight] of Object.entries(SIGNAL_WEIGHTS)) assert.equal(weight, server[code], `weight of ${code}`);
  // Every signal a store can weigh is on the screen (the rest decide on their own: block, allow, good customer).
  const weighable = Object.keys(server).filter((c) => !['good_customer', 'blocklisted', 'allowlisted'].includes(c));
  assert.deepEqual(Object.keys(SIGNAL_WEIGHTS).sort(), weighable.sort());
  assert.equal(WEB_RISK_DEFAULTS.hold_at, RISK_DEFAULTS.hold_at);
  assert.equal(WEB_RISK_DEFAULTS.prepayment_at, RISK_DEFAULTS.prepayment_at);
  assert.deepEqual(WEB_RISK_DEFAULTS.velocity, RISK_DEFAULTS.velocity);
  assert.deepEqual(WEB_RISK_DEFAULTS.area, RISK_DEFAULTS.area);
  assert.equal(WEB_RISK_DEFAULTS.unusual_factor, RISK_DEFAULTS.unusual_factor);
  assert.equal(WEB_RISK_DEFAULTS.link_cap, DEFAULT_LINKS.linkCap);
});

test('confirmation steps in Arabic: a step\'s delay changed in hours is saved; a negative delay is refused in place and changes nothing', { skip }, async () => {
  const { context, page } = await onSettings('ar-SA', 'verification');
  await assertMirrored(page, 'ar');
  assert.match(await page.locator('h1').innerText(), /الإعدادات/);
  assert.equal(await page.getAttribute('[data-testid=settings-nav] a[data-section=verification]', 'aria-current'), 'page');
  const before = (await store()).settings.verification.steps;
  assert.deepEqual(before.map((x: { channel: string }) => x.channel), ['sms', 'whatsapp', 'email', 'call']);

  // The second step (WhatsApp, 4 hours by default) shown in hours, changed to 2 hours.
  const second = page.locator('[data-step="1"]');
  assert.equal(await second.locator('input[name="steps.1.after"]').inputValue(), '4');
  assert.equal(await second.locator('select[name="steps.1.after.unit"]').inputValue(), 'hours');
  assert.match(await second.locator('.hint').innerText(), /بعد 4 ساعات من الخطوة السابقة/);
  await second.locator('input[name="steps.1.after"]').fill('٢'); // Arabic-Indic digits are read as 2
  assert.equal(await second.locator('input[name="steps.1.after"]').inputValue(), '2');
  assert.match(await second.locator('.hint').innerText(), /ساعتان/);
  await page.click('[data-testid=save]');
  await savedNotice(page).waitFor();
  assert.match(await savedNotice(page).innerText(), /تم الحفظ/);
  const saved = (await store()).settings.verification.steps;
  assert.deepEqual(saved[1], { channel: 'whatsapp', after_seconds: 7200 });
  assert.deepEqual(saved[0], before[0], 'the other steps as they were');

  // A negative delay: the error in place as it is typed, and Save sends nothing.
  const first = page.locator('[data-step="0"]');
  await first.locator('input[name="steps.0.after"]').fill('-5');
  const error = first.locator('.field-error');
  await error.waitFor();
  assert.match(await error.innerText(), /أقل من صفر/);
  assert.equal(await first.locator('input[name="steps.0.after"]').getAttribute('aria-invalid'), 'true');
  await shot(page, 'settings-verification-ar-desk');
  let patched = 0;
  page.on('request', (r) => r.method() === 'PATCH' && r.url().includes('/v1/store/settings') && patched++);
  await page.click('[data-testid=save]');
  await page.waitForTimeout(300);
  assert.equal(patched, 0, 'nothing was sent');
  assert.deepEqual((await store()).settings.verification.steps, saved, 'nothing changed on the server');

  // Fixed, and the steps reordered: SMS goes after WhatsApp.
  await first.locator('input[name="steps.0.after"]').fill('1');
  assert.equal(await error.count(), 0, 'fixed: the error is gone while typing');
  await page.click('[data-step="0"] [data-move="1"]');
  await page.click('[data-testid=save]');
  await savedNotice(page).waitFor();
  const reordered = (await store()).settings.verification.steps;
  assert.deepEqual(reordered.slice(0, 2), [{ channel: 'whatsapp', after_seconds: 7200 }, { channel: 'sms', after_seconds: 60 }]);
  await context.close();
});

test('confirmation steps in English, and on a phone in Arabic: nothing wider than the screen', { skip }, async () => {
  const { context, page } = await onSettings('en-US', 'verification');
  await assertMirrored(page, 'en');
  assert.match(await page.locator('[data-step="0"] .hint').innerText(), /2 hours after the order is placed/);
  await shot(page, 'settings-verification-en-desk');
  await context.close();

  const p = await onSettings('ar-SA', 'verification', phone);
  await noOverflow(p.page, 'settings 360px');
  const chips = await box(p.page, '[data-testid=settings-nav]');
  const body = await box(p.page, '[data-testid=settings-body]');
  assert.ok(chips.y + chips.height <= body.y + 2, 'on a phone the parts are a row above the part shown');
  await shot(p.page, 'settings-verification-ar-phone');
  await p.context.close();
});

test('message templates in Arabic: the preview follows as the Arabic text is typed; the change is saved and read back', { skip }, async () => {
  const { context, page } = await onSettings('ar-SA', 'templates');
  await assertMirrored(page, 'ar');
  const form = page.locator('[data-testid=template-form][data-key=confirm_sms]');
  const ar = form.locator('[data-lang=ar]');
  const en = form.locator('[data-lang=en]');
  const arText = ar.locator('textarea[name=body]');
  assert.equal(await arText.getAttribute('dir'), 'rtl');
  assert.equal(await en.locator('textarea[name=body]').getAttribute('dir'), 'ltr');
  // Side by side: Arabic first, so at the right in Arabic.
  const [arBox, enBox] = [await ar.boundingBox(), await en.boundingBox()];
  assert.ok(arBox && enBox && arBox.x > enBox.x, 'Arabic column at the right');

  await arText.fill('مرحبًا {{customer_name}}، نرجو تأكيد طلبك رقم {{order_number}}: {{link}}');
  const preview = ar.locator('[data-testid=preview]');
  assert.match(await preview.innerText(), /مرحبًا سارة العتيبي، نرجو تأكيد طلبك رقم 1042: http:\/\/127\.0\.0\.1:\d+\/c\/\w{32}/);
  assert.equal(await preview.getAttribute('dir'), 'rtl');
  // Typed key by key: the preview follows each key.
  await arText.press('End');
  await arText.pressSequentially(' شكرًا');
  assert.match(await preview.innerText(), /شكرًا$/);
  assert.match(await ar.locator('[data-testid=count]').innerText(), /رسالتان نصيتان|رسالة نصية واحدة/);
  // Without the link the customer could not confirm: said in place, before saving.
  await arText.fill('مرحبًا {{customer_name}}');
  assert.match(await ar.locator('.field-error').innerText(), /\{\{link\}\}/);
  assert.equal(await form.locator('[data-testid=save]').isDisabled(), false);
  await form.locator('[data-testid=save]').click();
  assert.equal((await s.api('GET', '/v1/message-templates')).body.data[0].ar.custom, false, 'nothing saved');

  const text = 'مرحبًا {{customer_name}}، أكّد طلبك {{order_number}} من هنا: {{link}} شكرًا لك';
  await arText.fill(text);
  assert.equal(await ar.locator('.field-error').count(), 0);
  // Inserting a value at the caret.
  await arText.press('End');
  await ar.locator('.tpl-vars button[title="{{store_name}}"]').click();
  assert.ok((await arText.inputValue()).endsWith('شكرًا لك{{store_name}}'));
  await arText.press('Backspace');
  await arText.fill(text);
  await shot(page, 'settings-templates-ar-desk');
  await form.locator('[data-testid=save]').click();
  await savedNotice(page).waitFor();
  const sms = (await s.api('GET', '/v1/message-templates')).body.data.find((x: { key: string }) => x.key === 'confirm_sms');
  assert.equal(sms.ar.body, text);
  assert.equal(sms.ar.custom, true);
  assert.equal(sms.en.custom, false, 'the English text was not touched');
  assert.match(await ar.locator('[data-testid=custom]').innerText(), /نصّك الخاص/);

  // Back to wasl's wording.
  await ar.locator('[data-testid=reset]').click();
  await page.click('[data-testid=confirm-reset]');
  await page.locator('[data-testid=saved]:has-text("عاد نص وصل")').waitFor();
  assert.equal((await s.api('GET', '/v1/message-templates')).body.data.find((x: { key: string }) => x.key === 'confirm_sms').ar.custom, false);
  await context.close();
});

test('message templates in English: the email with its subject, previewed in each language', { skip }, async () => {
  const { context, page } = await onSettings('en-US', 'templates');
  await assertMirrored(page, 'en');
  await page.click('[data-testid=template-tabs] button[data-key=unreachable_email]');
  const form = page.locator('[data-testid=template-form][data-key=unreachable_email]');
  const en = form.locator('[data-lang=en]');
  await en.locator('input[name=subject]').fill('About your order #{{order_number}}');
  assert.match(await en.locator('[data-testid=preview]').innerText(), /^About your order #1042/);
  assert.match(await form.locator('[data-lang=ar] [data-testid=preview]').innerText(), /سارة العتيبي/, 'the Arabic preview keeps Arabic example values');
  await en.locator('input[name=subject]').fill('About {{nonsense}}');
  assert.match(await en.locator('.field:has(input[name=subject]) .field-error').innerText(), /\{\{nonsense\}\} is not a value/);
  await en.locator('input[name=subject]').fill('About your order #{{order_number}}');
  await shot(page, 'settings-templates-en-desk');
  await form.locator('[data-testid=save]').click();
  await savedNotice(page).waitFor();
  const email = (await s.api('GET', '/v1/message-templates')).body.data.find((x: { key: string }) => x.key === 'unreachable_email');
  assert.equal(email.en.subject, 'About your order #{{order_number}}');
  await context.close();
});

test('storefront connections: the exact Shopify webhook address, a secret saved from the screen works for real', { skip }, async () => {
  for (const [locale, lang] of [['ar-SA', 'ar'], ['en-US', 'en']] as const) {
    const { context, page } = await onSettings(locale, 'connections');
    await assertMirrored(page, lang);
    const shopify = page.locator('[data-platform=shopify]');
    assert.equal(await shopify.locator('[data-testid=webhook-url]').inputValue(), `${s.url}/v1/webhooks/shopify/${s.storeId}`);
    assert.equal(await page.locator('[data-platform=woocommerce] [data-testid=webhook-url]').inputValue(), `${s.url}/v1/webhooks/woocommerce/${s.storeId}`);
    assert.equal(await page.locator('[data-platform=salla] [data-testid=webhook-url]').inputValue(), `${s.url}/v1/webhooks/salla/${s.storeId}`);
    assert.equal(await shopify.locator('[data-testid=webhook-url]').getAttribute('dir'), 'ltr');
    const steps = await shopify.locator('.setup-steps').innerText();
    assert.match(steps, lang === 'ar' ? /الإشعارات.*Webhooks/s : /Settings → Notifications.*Order creation.*JSON/s);
    assert.match(await page.locator('[data-platform=woocommerce] .setup-steps').innerText(), lang === 'ar' ? /متقدم \(Advanced\)/ : /Advanced → Webhooks[\s\S]*Order created/);
    assert.match(await page.locator('[data-platform=salla] .setup-steps').innerText(), /Signature/);
    await shot(page, `settings-connections-${lang}-desk`);
    await context.close();
  }

  const { context, page } = await onSettings('en-US', 'connections');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const shopify = page.locator('[data-platform=shopify]');
  assert.equal(await shopify.locator('[data-testid=secret-status]').getAttribute('data-set'), 'false');
  await shopify.locator('[data-testid=copy]').click();
  await shopify.locator('[data-testid=copy]:has-text("Copied")').waitFor();
  const url = (await page.evaluate('navigator.clipboard.readText()')) as string;
  assert.equal(url, `${s.url}/v1/webhooks/shopify/${s.storeId}`);

  await shopify.locator('input[name=shopify-secret]').fill('short');
  assert.match(await shopify.locator('.field-error').innerText(), /at least 8/);
  const secret = 'shpss_0123456789abcdef0123';
  await shopify.locator('input[name=shopify-secret]').fill(secret);
  await shopify.locator('button[type=submit]').click();
  await shopify.locator('[data-testid=saved]').waitFor();
  assert.equal(await shopify.locator('[data-testid=secret-status]').getAttribute('data-set'), 'true');
  assert.match(await shopify.locator('[data-testid=secret-status]').innerText(), /Secret set/);
  const after = await store();
  assert.equal(after.settings.integrations.shopify.webhook_secret_set, true);
  assert.ok(!JSON.stringify(after).includes(secret), 'the secret is never read back');
  assert.ok(!(await page.content()).includes(secret), 'nor shown');

  // Shopify signing with that secret, to the address from the screen: accepted; anything else: 401.
  const body = readFileSync(new URL('../src/modules/integrations/storefronts/fixtures/shopify-orders-create-sa-cod.json', import.meta.url));
  const send = (key: string) =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': createHmac('sha256', key).update(body).digest('base64') } });
  assert.equal((await send('not-the-secret-at-all')).status, 401);
  assert.ok((await send(secret)).ok);

  // Disconnected (after saying what that means): the same signed delivery is refused.
  await shopify.locator('[data-testid=remove-secret]').click();
  assert.match(await page.locator('dialog').innerText(), /refuse the orders Shopify sends/);
  await page.click('[data-testid=confirm-remove]');
  await shopify.locator('[data-testid=secret-status][data-set=false]').waitFor();
  assert.equal((await store()).settings.integrations?.shopify?.webhook_secret_set, undefined);
  assert.equal((await send(secret)).status, 401);
  await context.close();
});

test('API keys in English: made and shown once, works against GET /v1/orders, revoked and refused', { skip }, async () => {
  const { context, page } = await onSettings('en-US', 'api-keys');
  await assertMirrored(page, 'en');
  const form = page.locator('[data-testid=new-key]');
  await form.locator('button[type=submit]').click();
  assert.match(await form.locator('.field:has(input[name=key-name]) .field-error').innerText(), /required/);
  await form.locator('input[name=key-name]').fill('Accounting export');
  await form.locator('select[name=key-role]').selectOption('finance');
  await form.locator('button[type=submit]').click();
  const value = page.locator('[data-testid=key-value]');
  await value.waitFor();
  const key = await value.inputValue();
  assert.match(key, /^wasl_[A-Za-z0-9_-]{40}$/);
  assert.match(await page.locator('dialog').innerText(), /will not be shown again/);
  await shot(page, 'settings-api-keys-en-desk', false);
  await page.click('[data-testid=key-done]');
  await page.locator('[data-testid=keys-table] tr:has-text("Accounting export")').waitFor();
  assert.ok(!(await page.content()).includes(key), 'once closed, the key is nowhere on the page');
  const row = page.locator('[data-testid=keys-table] tr:has-text("Accounting export")');
  assert.match(await row.innerText(), /Finance/);
  assert.match(await row.innerText(), new RegExp(key.slice(0, 9).replace(/[-]/g, '\\-')));
  const listed = (await s.api('GET', '/v1/api-keys')).body;
  assert.ok(!JSON.stringify(listed).includes(key), 'GET /v1/api-keys never carries a key');

  const withKey = () => fetch(`${s.url}/v1/orders`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal((await withKey()).status, 200, 'the new key works');
  await row.locator('[data-testid=revoke]').click();
  assert.match(await page.locator('dialog').innerText(), /Revoke the key “Accounting export”/);
  await page.click('[data-testid=confirm-revoke]');
  await page.locator('[data-testid=saved]:has-text("was revoked")').waitFor();
  // The list is read again after the notice: the row goes once it has been.
  await page.locator('[data-testid=keys-table] tr:has-text("Accounting export")').waitFor({ state: 'detached', timeout: 10_000 });
  await waitFor('the revoked key refused', async () => ((await withKey()).status === 401 ? true : null), 8_000, 250);
  await context.close();

  const ar = await onSettings('ar-SA', 'api-keys');
  await assertMirrored(ar.page, 'ar');
  assert.match(await ar.page.locator('[data-testid=api-keys]').innerText(), /مفاتيح API/);
  await shot(ar.page, 'settings-api-keys-ar-desk');
  await ar.context.close();
});

test('store details in English and Arabic: the name changed here shows in the top bar and through the API', { skip }, async () => {
  const { context, page } = await onSettings('en-US', 'store');
  await assertMirrored(page, 'en');
  await page.fill('input[name=name]', '');
  assert.match(await page.locator('.field:has(input[name=name]) .field-error').innerText(), /required/);
  await page.fill('input[name=name]', 'متجر الأناقة');
  await page.selectOption('select[name=timezone]', 'Asia/Dubai');
  await page.click('[data-testid=store-form] button[type=submit]');
  await savedNotice(page).waitFor();
  assert.equal(await page.getByTestId('store-name').innerText(), 'متجر الأناقة');
  const after = await store();
  assert.equal(after.name, 'متجر الأناقة');
  assert.equal(after.timezone, 'Asia/Dubai');
  await shot(page, 'settings-store-en-desk');
  await context.close();

  const ar = await onSettings('ar-SA', 'store');
  await assertMirrored(ar.page, 'ar');
  assert.equal(await ar.page.inputValue('input[name=name]'), 'متجر الأناقة');
  assert.match(await ar.page.locator('select[name=country] option:checked').innerText(), /السعودية/);
  await shot(ar.page, 'settings-store-ar-desk');
  await ar.context.close();
});

test('customer analysis in Arabic: thresholds and a weight saved; out-of-range values refused in place', { skip }, async () => {
  const { context, page } = await onSettings('ar-SA', 'risk');
  await assertMirrored(page, 'ar');
  assert.equal(await page.inputValue('input[name=hold_at]'), '70');
  await page.fill('input[name=hold_at]', '150');
  assert.match(await page.locator('.field:has(input[name=hold_at]) .field-error').innerText(), /100/);
  await page.fill('input[name=hold_at]', '80');
  await page.fill('#w-first_order', '5');
  await page.fill('input[name=deposit_percent]', '50');
  await page.fill('textarea[name=block_ar]', 'نعتذر، لا يمكن قبول هذا الطلب. تواصل معنا.');
  assert.equal(await page.getAttribute('textarea[name=block_ar]', 'dir'), 'rtl');
  await shot(page, 'settings-risk-ar-desk');
  await page.click('[data-testid=save]');
  await savedNotice(page).waitFor();
  const risk = (await store()).settings.risk;
  assert.equal(risk.hold_at, 80);
  assert.equal(risk.deposit_percent, 50);
  assert.deepEqual(risk.weights, { first_order: 5 });
  assert.deepEqual(risk.block_message, { ar: 'نعتذر، لا يمكن قبول هذا الطلب. تواصل معنا.' });
  assert.equal(risk.prepayment_at, undefined, 'what was not touched is not written');
  await context.close();

  const en = await onSettings('en-US', 'risk');
  await assertMirrored(en.page, 'en');
  assert.equal(await en.page.inputValue('input[name=hold_at]'), '80');
  await shot(en.page, 'settings-risk-en-desk');
  await en.context.close();
});

test('users: an invitation made on the screen is accepted, the person appears in the list; a confirmation agent cannot reach settings', { skip }, async (t) => {
  if (!web.signInAvailable) return t.skip('POST /v1/auth/sign-in is not on this server yet');
  const { context, page } = await onSettings('ar-SA', 'users');
  await assertMirrored(page, 'ar');
  const form = page.locator('[data-testid=invite-form]');
  // The server's answer lands on its field: the owner is already a user.
  await form.locator('input[name=invite-email]').fill(OWNER.email);
  await form.locator('button[type=submit]').click();
  await form.locator('.field:has(input[name=invite-email]) .field-error').waitFor();
  assert.match(await form.locator('.field:has(input[name=invite-email]) .field-error').innerText(), /مستخدم في المتجر بالفعل/);

  await form.locator('input[name=invite-email]').fill('reem.agent@example.com');
  await form.locator('select[name=invite-role]').selectOption('confirmation_agent');
  await form.locator('button[type=submit]').click();
  const link = await (await page.locator('[data-testid=invite-link]').elementHandle())!.inputValue();
  assert.match(link, /\/invite\/[A-Za-z0-9_-]{20,}$/);
  await page.locator('[data-testid=invitations] li[data-email="reem.agent@example.com"]').waitFor();
  const token = link.split('/invite/')[1];
  const password = 'agent-password-123';
  const accepted = await fetch(`${s.url}/v1/invitations/${token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ريم الشهري', password }),
  });
  assert.equal(accepted.status, 201);
  await page.reload();
  const row = page.locator('[data-testid=users-table] tr[data-user="reem.agent@example.com"]');
  await row.waitFor();
  assert.match(await row.innerText(), /ريم الشهري/);
  assert.equal(await row.locator('select').inputValue(), 'confirmation_agent');
  assert.equal(await row.locator('[data-testid=user-status]').getAttribute('data-active'), 'true');
  assert.equal(await page.locator('[data-testid=invitations] li[data-email="reem.agent@example.com"]').count(), 0, 'no longer waiting');
  await shot(page, 'settings-users-ar-desk');
  await context.close();

  const en = await onSettings('en-US', 'users');
  assert.match(await en.page.locator('[data-testid=users-table] tr[data-user="reem.agent@example.com"]').innerText(), /Active/);
  await shot(en.page, 'settings-users-en-desk');
  await en.context.close();

  // The agent: no Settings in the navigation, "not allowed" at /settings, and the API refuses.
  for (const [locale, words] of [['ar-SA', /لا تملك صلاحية/], ['en-US', /You do not have access/]] as const) {
    const agent = await web.signedInAs({ email: 'reem.agent@example.com', password }, locale, desk, '/');
    const nav = await agent.page.locator('[data-testid=nav] a').allInnerTexts();
    assert.ok(nav.length >= 2, `the agent has a navigation: ${nav}`);
    assert.equal(await agent.page.locator('[data-testid=nav] a[href="/settings"]').count(), 0, `no Settings for the agent: ${nav}`);
    for (const path of ['/settings', '/settings/api-keys']) {
      await agent.page.goto(`${s.url}${path}`);
      await agent.page.locator('main [role=alert]').waitFor();
      assert.match(await agent.page.locator('main [role=alert]').innerText(), words);
      assert.equal(await agent.page.locator('[data-testid=settings-nav]').count(), 0);
    }
    const refused = await agent.page.request.patch(`${s.url}/v1/store/settings`, { data: { locale: 'en' }, headers: { 'x-wasl-client': 'web' } });
    assert.equal(refused.status(), 403);
    assert.equal((await refused.json()).error.code, 'forbidden');
    assert.equal((await agent.page.request.get(`${s.url}/v1/api-keys`)).status(), 403);
    await agent.context.close();
  }
  assert.notEqual((await store()).locale, 'en', 'nothing changed');
});

test('someone who may read settings but not change them sees them with every input disabled', { skip }, async (t) => {
  if (!web.signInAvailable) return t.skip('POST /v1/auth/sign-in is not on this server yet');
  // No role has only settings.read today; the screen is checked against such a person by
  // taking settings.manage out of what /v1/auth/me says (the server would refuse the change anyway).
  const { context, page } = await web.open('en-US');
  await context.route('**/v1/auth/me', async (route) => {
    const res = await route.fetch();
    const me = await res.json();
    if (me?.permissions) me.permissions = me.permissions.filter((p: string) => p !== 'settings.manage' && p !== 'templates.manage' && p !== 'users.manage');
    await route.fulfill({ response: res, json: me });
  });
  await page.goto(`${s.url}/sign-in?next=${encodeURIComponent('/settings/verification')}`);
  await page.fill('input[name=email]', OWNER.email);
  await page.fill('input[name=password]', OWNER.password);
  await page.click('form.sign-in-form button[type=submit]');
  await page.waitForSelector('[data-testid=nav]', { state: 'attached' });
  await page.goto(`${s.url}/settings/verification`); // a fresh load asks GET /v1/auth/me
  await page.locator('[data-testid=verification-form]').waitFor();
  await page.locator('[data-testid=read-only]').waitFor();
  assert.equal(await page.locator('[data-testid=save]').count(), 0, 'no save button');
  const enabled = await page.locator('[data-testid=verification-form] input:enabled, [data-testid=verification-form] select:enabled').count();
  assert.equal(enabled, 0, 'every input is disabled');
  const parts = await page.locator('[data-testid=settings-nav] a').evaluateAll((as: any[]) => as.map((a) => a.dataset.section));
  assert.ok(!parts.includes('api-keys') && !parts.includes('users'), `API keys and users are not listed: ${parts}`);
  await page.goto(`${s.url}/settings/users`);
  await page.locator('main [role=alert]').waitFor();
  await context.close();
});

test('no page error in any of it', { skip }, () => {
  assert.deepEqual(web.pageErrors, []);
});
