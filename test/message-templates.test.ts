import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { assertError, errorPaths, linkIn, messagesOf, mobile, place, sku, waitFor } from './helpers.ts';

// The store's own wording of the messages sent to customers (GET/PUT /v1/message-templates).
// Messages go to the built-in outbox, the SMS at once; nothing else is due within a test.
let s: TestServer;
let storeName: string;
let defaults: Record<string, any>;

before(async () => {
  s = await startTestServer({ worker: true });
  const r = await s.api('PATCH', '/v1/store/settings', {
    locale: 'ar',
    verification: { steps: [{ channel: 'sms', after_seconds: 0 }, { channel: 'call', after_seconds: 3600 }] },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const store = await s.api('GET', '/v1/store');
  assert.equal(store.body.locale, 'ar');
  storeName = store.body.name;
  defaults = Object.fromEntries((await templates()).map((t) => [t.key, t]));
});
after(() => s.stop());

async function templates(): Promise<any[]> {
  const r = await s.api('GET', '/v1/message-templates');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.data;
}
const template = async (key: string) => (await templates()).find((t) => t.key === key);
const putTemplate = (key: string, body: unknown) => s.api('PUT', `/v1/message-templates/${key}`, body);

/** A new order and, once it went out, its SMS. */
async function orderWithSms(customer: Record<string, unknown> = {}) {
  const item = sku('TPL');
  await stock(s, item, 5);
  const o = await place(s, orderBody({ customer: { name: 'سارة العتيبي', phone: mobile(), ...customer }, lines: [{ sku: item, quantity: 1, unit_price: '75.00' }] }));
  const sms = await waitFor('the SMS', async () => (await messagesOf(s, o.id)).find((m) => m.channel === 'sms'));
  return { order: o, sms };
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LINK = '/c/[A-Za-z0-9_-]{32}';
const ARABIC = /[\u0600-\u06FF]/;

test('the three messages are listed in Arabic and English, with the variables each may use', async () => {
  const list = await templates();
  assert.deepEqual(list.map((t) => t.key).sort(), ['confirm_sms', 'confirm_whatsapp', 'unreachable_email']);
  for (const t of list) {
    assert.equal(typeof t.ar.body, 'string');
    assert.equal(typeof t.en.body, 'string');
    assert.match(t.ar.body, ARABIC, `${t.key} in Arabic is Arabic`);
    assert.doesNotMatch(t.en.body, ARABIC, `${t.key} in English has no Arabic`);
    assert.equal(t.ar.custom, false, 'nothing is customised yet');
    assert.ok(Array.isArray(t.variables));
    for (const v of ['customer_name', 'order_number', 'link']) assert.ok(t.variables.includes(v), `${t.key} offers {{${v}}}`);
    // Every variable the default texts use is one the list offers.
    for (const [, name] of `${t.ar.body} ${t.en.body} ${t.ar.subject ?? ''}`.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
      assert.ok(t.variables.includes(name), `${t.key} uses {{${name}}}, which is listed`);
    }
  }
  const email = list.find((t) => t.key === 'unreachable_email');
  assert.ok(email.variables.includes('phone'), 'the email can name the number we tried');
  assert.match(email.ar.subject, ARABIC);
  assert.equal(typeof email.en.subject, 'string');
  assert.ok(!list.find((t) => t.key === 'confirm_sms').variables.includes('phone'));
});

test("a store's own SMS wording is what the next order's customer receives, with the variables filled", async () => {
  const ar = 'أهلًا {{customer_name}}، طلبك رقم {{order_number}} من {{store_name}} بانتظار تأكيدك: {{link}} شكرًا';
  const en = 'Hi {{ customer_name }}, order {{order_number}} awaits your OK: {{link}} Thanks';
  const r = await putTemplate('confirm_sms', { ar: { body: ar }, en: { body: en } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.key, 'confirm_sms');
  assert.equal(r.body.ar.body, ar);
  assert.equal(r.body.ar.custom, true);
  assert.equal((await template('confirm_sms')).en.body, en);

  const { order, sms } = await orderWithSms();
  assert.equal(sms.template, 'confirm_sms');
  assert.equal(sms.to, order.customer.phone_e164);
  const expected = `^أهلًا سارة العتيبي، طلبك رقم ${order.number} من ${escape(storeName)} بانتظار تأكيدك: ${escape(s.url)}${LINK} شكرًا$`;
  assert.match(sms.body, new RegExp(expected));
  assert.doesNotMatch(sms.body, /\{\{|\}\}/, 'no variable is left unfilled');
  const page = await fetch(`${s.url}${linkIn(sms.body)}`);
  assert.equal(page.status, 200, 'the link in the custom text works');
  assert.match(await page.text(), new RegExp(String(order.number)));

  // Only the SMS changed: the other messages keep wasl's wording.
  const wa = await template('confirm_whatsapp');
  assert.equal(wa.ar.body, defaults.confirm_whatsapp.ar.body);
  assert.equal(wa.ar.custom, false);
});

test('a customer who reads English gets the English text and an English page, in an Arabic store', async () => {
  // The custom English text of the test before, if it ran, else wasl's own: both are English.
  const { order, sms } = await orderWithSms({ name: 'Sarah Smith', language: 'en' });
  assert.equal(order.customer.language, 'en');
  const current = await template('confirm_sms');
  const filled = current.en.body
    .replace(/\{\{\s*customer_name\s*\}\}/g, 'Sarah Smith')
    .replace(/\{\{\s*order_number\s*\}\}/g, String(order.number))
    .replace(/\{\{\s*store_name\s*\}\}/g, storeName);
  const [before, afterLink] = filled.split(/\{\{\s*link\s*\}\}/);
  assert.match(sms.body, new RegExp(`^${escape(before)}${escape(s.url)}${LINK}${escape(afterLink)}$`));
  assert.doesNotMatch(sms.body, ARABIC);
  assert.equal(sms.lang, 'en');

  const res = await fetch(`${s.url}${linkIn(sms.body)}`);
  assert.equal(res.status, 200);
  const html = await res.text();
  const tag = /<html\b[^>]*>/.exec(html)?.[0] ?? '';
  assert.match(tag, /\blang="en"/);
  assert.match(tag, /\bdir="ltr"/);

  // An order without a language in the same store is Arabic, on the page too.
  const arabic = await orderWithSms();
  assert.match(arabic.sms.body, ARABIC);
  const arPage = await (await fetch(`${s.url}${linkIn(arabic.sms.body)}`)).text();
  assert.match(/<html\b[^>]*>/.exec(arPage)?.[0] ?? '', /lang="ar"[^>]*dir="rtl"|dir="rtl"[^>]*lang="ar"/);
});

test('a text with an unknown variable or without the link is refused, naming the field, and nothing changes', async () => {
  const good = { body: 'طلبك {{order_number}} ينتظر التأكيد: {{link}}' };
  assert.equal((await putTemplate('confirm_sms', { ar: good })).status, 200);
  const before = await template('confirm_sms');

  const cases: [unknown, string][] = [
    [{ ar: { body: 'طلبك {{foo}} هنا: {{link}}' } }, 'ar.body'],
    [{ en: { body: 'Your order {{order_number}} is waiting, reply YES' } }, 'en.body'],
    [{ en: { body: 'Order {{order_number}}: {{link}} from {{phone}}' } }, 'en.body'], // the email's variable, not the SMS's
    [{ ar: { body: '   ' } }, 'ar.body'],
    [{ ar: { body: 'طلبك {order_number} هنا {{link}}' } }, 'ar.body'],
    [{ ar: { body: 'طلبك {{order_number}}: {{link}}', subject: 'SMS has no subject' } }, 'ar.subject'],
    // One good language and one bad: neither is saved.
    [{ ar: { body: 'نص جديد تمامًا {{link}}' }, en: { body: 'Hello {{nope}} {{link}}' } }, 'en.body'],
  ];
  for (const [body, path] of cases) {
    const r = await putTemplate('confirm_sms', body);
    assertError(r, 422);
    assert.ok(errorPaths(r).includes(path), `${JSON.stringify(body)} names ${path}: ${JSON.stringify(r.body)}`);
    assert.deepEqual(await template('confirm_sms'), before, `${JSON.stringify(body)} changed nothing`);
  }
  const email = await putTemplate('unreachable_email', { en: { body: 'We could not reach you: {{link}}' } });
  assertError(email, 422);
  assert.ok(errorPaths(email).includes('en.subject'), 'an email needs a subject');

  // Not a template at all: a client error, never a 500.
  for (const [path, body] of [
    ['/v1/message-templates/confirm_fax', { ar: good }],
    ['/v1/message-templates/confirm_sms', { fr: good }],
    ['/v1/message-templates/confirm_sms', { ar: { text: 'hello {{link}}' } }],
    ['/v1/message-templates/confirm_sms', { ar: { body: 42 } }],
  ] as const) {
    const r = await s.api('PUT', path, body);
    assert.ok(r.status >= 400 && r.status < 500, `${path} ${JSON.stringify(body)}: ${r.status} ${JSON.stringify(r.body)}`);
    assertError(r, r.status);
  }
  assert.deepEqual(await template('confirm_sms'), before);

  // And the next SMS still uses the text that was saved.
  const { order, sms } = await orderWithSms();
  assert.match(sms.body, new RegExp(`^طلبك ${order.number} ينتظر التأكيد: ${escape(s.url)}${LINK}$`));
});

test('null puts back wasl\'s own text, in the language it is given for', async () => {
  const custom = { ar: { body: 'نص المتجر {{order_number}} {{link}} شكرًا' }, en: { body: 'Store text {{order_number}} {{link}} thanks' } };
  assert.equal((await putTemplate('confirm_sms', custom)).status, 200);
  const half = await putTemplate('confirm_sms', { ar: null });
  assert.equal(half.status, 200, JSON.stringify(half.body));
  assert.equal(half.body.ar.body, defaults.confirm_sms.ar.body);
  assert.equal(half.body.ar.custom, false);
  assert.equal(half.body.en.body, custom.en.body, 'English was not touched');
  const both = await putTemplate('confirm_sms', { en: null });
  assert.equal(both.status, 200);
  assert.deepEqual(await template('confirm_sms'), defaults.confirm_sms);

  const { order, sms } = await orderWithSms();
  const [before, afterLink] = defaults.confirm_sms.ar.body
    .replace(/\{\{\s*store_name\s*\}\}/g, storeName)
    .replace(/\{\{\s*order_number\s*\}\}/g, String(order.number))
    .replace(/\{\{\s*customer_name\s*\}\}/g, order.customer.name)
    .split(/\{\{\s*link\s*\}\}/);
  assert.match(sms.body, new RegExp(`^${escape(before)}${escape(s.url)}${LINK}${escape(afterLink)}$`));
  assert.doesNotMatch(sms.body, /نص المتجر/);
});
