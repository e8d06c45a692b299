import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PAGE_TEXT } from '../src/modules/verification/page/render.ts';
import { resetLimits } from '../src/modules/verification/page-limits.ts';
import { orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { linkIn, messagesOf, mobile, place, sku, waitFor } from './helpers.ts';

// The customer's confirmation page (/c/{token}) as a browser sees it: a whole document in the
// customer's language, the order as placed, the forms and what each does, and the dead ends
// (an expired link, a link that does not exist, too many guesses). Messages go to the built-in
// outbox: the SMS (a link that may confirm) and the email (a link that may only give a new
// number or cancel) go out at once; the call step is an hour away.
let s: TestServer;
const WEEK = 7 * 24 * 3600;

before(async () => {
  resetLimits();
  s = await startTestServer({ worker: true });
  const r = await s.api('PATCH', '/v1/store/settings', {
    locale: 'ar',
    verification: { steps: [{ channel: 'sms', after_seconds: 0 }, { channel: 'email', after_seconds: 0 }, { channel: 'call', after_seconds: 3600 }], link_ttl_seconds: WEEK },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
});
after(async () => {
  resetLimits();
  await s.stop();
});

interface Line {
  name: string;
  quantity: number;
  unit_price: string;
}

/** A new order of fresh SKUs and, once they went out, its SMS link and its email link ("/c/<token>"). */
async function orderWithLinks(lines: Line[] = [{ name: 'عباية كريب سوداء', quantity: 1, unit_price: '149.00' }], over: Record<string, unknown> = {}) {
  const withSkus = [];
  for (const l of lines) {
    const item = sku('PAGE');
    await stock(s, item, 20, l.unit_price);
    withSkus.push({ sku: item, ...l });
  }
  const phone = mobile();
  const o = await place(s, orderBody({ customer: { name: 'نورة القحطاني', phone, email: `page${phone}@example.com` }, lines: withSkus, ...over }));
  assert.equal(o.status, 'pending');
  const msgs = await waitFor('the SMS and the email', async () => {
    const m = await messagesOf(s, o.id);
    return m.some((x) => x.channel === 'sms') && m.some((x) => x.channel === 'email') ? m : null;
  });
  return { o, link: linkIn(msgs.find((m) => m.channel === 'sms').body), emailLink: linkIn(msgs.find((m) => m.channel === 'email').body) };
}

const getOrder = async (id: string) => {
  const r = await s.api('GET', `/v1/orders/${id}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
};

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${path}`, { headers, redirect: 'manual' });
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') ?? '', location: res.headers.get('location') };
}

/** Post a form the way a browser does. */
async function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') ?? '', location: res.headers.get('location') };
}

/** Intl puts no-break spaces and bidi marks in amounts; compare text as a reader sees it. */
const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\u00a0|\u202f/g, ' ').replace(/[\u200e\u200f\u061c]/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const STACK = /\bat [\w.$<>[\]]+ \(|\bat (?:file|node):|\.[cm]?[jt]s:\d+:\d+|\b[A-Z]\w*Error: |"stack"|FST_ERR|internal_error/;
const FORM = /<form\b/;
const CONFIRM_FORM = /<form[^>]*action="[^"]*\/confirm"/;

/** A whole HTML document in `lang`, usable on a phone, that loads nothing from anywhere. */
function assertDocument(html: string, lang: 'ar' | 'en', what: string) {
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  assert.match(html, /^<!doctype html>/i, `${what}: starts with the doctype`);
  assert.match(html, /<\/html>\s*$/, `${what}: ends with </html>`);
  assert.match(html, new RegExp(`<html(?=[^>]*\\blang="${lang}")(?=[^>]*\\bdir="${dir}")[^>]*>`), `${what}: <html lang="${lang}" dir="${dir}">`);
  for (const part of [/<head>[\s\S]*<\/head>/, /<body>[\s\S]*<\/body>/, /<meta charset="utf-8">/i, /<meta name="viewport" content="width=device-width[^"]*">/, /<title>[^<]+<\/title>/]) {
    assert.match(html, part, `${what}: has ${part.source}`);
  }
  // Nothing fetched from another host: no scripts, styles, images, fonts or frames by URL.
  assert.doesNotMatch(html, /\b(?:src|href|srcset|action|formaction|poster|data|background)\s*=\s*["']?\s*(?:https?:)?\/\//i, `${what}: refers to another host`);
  assert.doesNotMatch(html, /url\(\s*["']?\s*(?:https?:)?\/\//i, `${what}: CSS loads from another host`);
  assert.doesNotMatch(html, /@import|<script[^>]*\bsrc=|<link[^>]*rel=["']?(?:stylesheet|preload|prefetch|icon)|<iframe/i, `${what}: loads a resource`);
  assert.doesNotMatch(html, STACK, `${what}: shows internals`);
  if (lang === 'ar') assert.match(plain(html), /[\u0600-\u06FF]{3}/, `${what}: is in Arabic`);
}

/** Every visible form control has a label with text: `<label for=id>` or a label around it. */
function assertLabelled(html: string, what: string) {
  const controls = [...html.matchAll(/<(input|textarea|select)\b([^>]*)>/g)].filter((m) => !/\btype="(?:hidden|submit|button|reset|image)"/.test(m[2]));
  for (const m of controls) {
    const id = /\bid="([^"]+)"/.exec(m[2])?.[1];
    const byFor = id ? new RegExp(`<label[^>]*\\bfor="${escapeRe(id)}"[^>]*>([\\s\\S]*?)</label>`).exec(html) : null;
    const around = html.lastIndexOf('<label', m.index) > html.lastIndexOf('</label>', m.index) ? html.slice(html.lastIndexOf('<label', m.index), html.indexOf('</label>', m.index)) : null;
    const ariaLabel = /\baria-label="([^"]+)"/.exec(m[2])?.[1];
    const text = byFor?.[1] ?? around ?? ariaLabel ?? '';
    assert.ok(plain(text).trim().length > 0, `${what}: ${m[0]} has no label`);
  }
  return controls.length;
}

test('the page is a whole document in the right language and direction, loads nothing from elsewhere, and labels every field', async () => {
  const { o, link, emailLink } = await orderWithLinks();
  const seen: [string, string, 'ar' | 'en'][] = [];
  const ar = await page(link);
  assert.equal(ar.status, 200);
  assert.match(ar.type, /^text\/html/);
  seen.push(['the SMS page', ar.html, 'ar']);
  seen.push(['the SMS page with ?lang=en', (await page(`${link}?lang=en`)).html, 'en']);
  seen.push(['the SMS page for Accept-Language: en', (await page(link, { 'accept-language': 'en-GB,en;q=0.9' })).html, 'en']);
  seen.push(['the SMS page with ?lang=ar over Accept-Language: en', (await page(`${link}?lang=ar`, { 'accept-language': 'en' })).html, 'ar']);
  seen.push(['the email page', (await page(emailLink)).html, 'ar']);
  seen.push(['the email page in English', (await page(`${emailLink}?lang=en`)).html, 'en']);
  // A refused form re-renders the page with the errors next to the fields.
  const bad = await postForm(`${link}/address`, { line1: '', city: '' });
  assert.equal(bad.status, 422);
  assert.match(bad.html, /aria-invalid="true"/);
  seen.push(['the page with address errors', bad.html, 'ar']);

  for (const [what, html, lang] of seen) {
    assertDocument(html, lang, what);
    assert.ok(assertLabelled(html, what) > 0, `${what}: has form fields`);
  }
  // The confirm page asks for an address and a window; the email page for a phone number.
  assert.match(ar.html, /name="line1"/);
  assert.match(ar.html, /type="radio"[^>]*name="window"|name="window"[^>]*type="radio"/);
  assert.match(seen[4][1], /name="phone"/);
  assert.doesNotMatch(seen[4][1], CONFIRM_FORM, 'an email link cannot confirm');
  // The language switch stays on this page.
  assert.match(ar.html, new RegExp(`href="${escapeRe(link)}\\?lang=en"`));
  assert.match(seen[1][1], new RegExp(`href="${escapeRe(link)}\\?lang=ar"`));

  // Once confirmed: the window form remains, and it is labelled too.
  const confirmed = await postForm(`${link}/confirm`, { window: '' });
  assert.equal(confirmed.status, 303);
  for (const lang of ['ar', 'en'] as const) {
    const after = await page(`${link}?lang=${lang}`);
    assertDocument(after.html, lang, `the confirmed page (${lang})`);
    assert.ok(assertLabelled(after.html, `the confirmed page (${lang})`) > 0);
  }
  assert.equal((await getOrder(o.id)).status, 'confirmed');
});

test("the summary shows the order's number, each line's name and quantity, and the total with its currency", async () => {
  const lines = [
    { name: 'عباية كريب سوداء', quantity: 2, unit_price: '150.00' },
    { name: 'Silk scarf <"rose"> & co', quantity: 1, unit_price: '45.50' },
  ];
  const { o, link } = await orderWithLinks(lines, { shipping_total: '25.00' });
  assert.equal(o.totals.total, '370.50');
  assert.equal(o.totals.currency, 'SAR');
  for (const lang of ['ar', 'en'] as const) {
    const { status, html } = await page(`${link}?lang=${lang}`);
    assert.equal(status, 200);
    const text = plain(html);
    assert.ok(text.includes(lang === 'ar' ? `طلب رقم ${o.number}` : `Order #${o.number}`), `${lang}: the order number`);
    const items = [...html.matchAll(/<li>[\s\S]*?<\/li>/g)].map((m) => plain(m[0]));
    for (const l of lines) {
      const item = items.find((i) => i.includes(l.name));
      assert.ok(item, `${lang}: a line for ${l.name} in ${JSON.stringify(items)}`);
      assert.ok(item.includes(lang === 'ar' ? `الكمية: ${l.quantity}` : `Qty: ${l.quantity}`), `${lang}: ${l.name} × ${l.quantity}: ${item}`);
    }
    assert.doesNotMatch(html, /<"rose">/, 'a product name is escaped');
    const grand = /<dd class="grand">([\s\S]*?)<\/dd>/.exec(html);
    assert.ok(grand, `${lang}: the total row`);
    const total = plain(grand[1]);
    assert.ok(total.includes('370.50'), `${lang}: the total amount: ${total}`);
    assert.match(total, lang === 'ar' ? /ر\.س/ : /SAR/, `${lang}: the total's currency: ${total}`);
  }
});

test('an address corrected through the form is on the page after the redirect, and on the order', async () => {
  const { o, link } = await orderWithLinks();
  const next = { line1: 'طريق الملك عبدالعزيز ٧', line2: 'الدور الثاني', district: 'النخيل', city: 'جدة', region: 'مكة المكرمة', postal_code: '23233' };
  const res = await postForm(`${link}/address`, { lang: 'ar', ...next });
  assert.equal(res.status, 303);
  assert.ok(res.location?.startsWith(link), `redirected to the page: ${res.location}`);
  const after = await page(res.location!);
  assert.equal(after.status, 200);
  const address = /<address>([\s\S]*?)<\/address>/.exec(after.html);
  assert.ok(address, 'the page shows the address');
  const shown = [...address[1].matchAll(/<span[^>]*>([^<]*)<\/span>/g)].map((m) => m[1]).join(' | ');
  for (const v of Object.values(next)) assert.ok(shown.includes(v), `the page shows ${v}: ${shown}`);
  assert.ok(!shown.includes('الرياض'), `the old city is gone: ${shown}`);
  const order = await getOrder(o.id);
  assert.equal(order.shipping_address.city, 'جدة');
  assert.equal(order.shipping_address.line1, next.line1);
  assert.equal(order.status, 'pending', 'correcting the address does not confirm');
});

test('a form posted from the English page answers in English, even from a browser set to Arabic', async () => {
  // The reader switched the page to English with the link at the top (?lang=en); the forms carry
  // a hidden lang field so the answer stays in the language they read.
  const { link } = await orderWithLinks();
  const browser = { 'accept-language': 'ar-SA,ar;q=0.9,en;q=0.8' };
  const en = await page(`${link}?lang=en`, browser);
  assertDocument(en.html, 'en', 'the English page');
  const form = /<form[^>]*action="([^"]*\/address)"[^>]*>([\s\S]*?)<\/form>/.exec(en.html);
  assert.ok(form, 'the address form');
  const hidden = Object.fromEntries([...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
  assert.equal(hidden.lang, 'en', 'the form carries the language');

  const refused = await postForm(form[1], { ...hidden, line1: '', city: 'Jeddah' }, browser);
  assert.equal(refused.status, 422);
  const saved = await postForm(form[1], { ...hidden, line1: 'King Abdulaziz Road 7', city: 'Jeddah' }, browser);
  assert.equal(saved.status, 303);
  const next = await page(saved.location!, browser);
  const langOf = (html: string) => /<html[^>]*\blang="([^"]+)"/.exec(html)?.[1];
  assert.deepEqual(
    { refused: langOf(refused.html), redirect: saved.location, after: langOf(next.html) },
    { refused: 'en', redirect: `${link}?lang=en`, after: 'en' },
    'the answers to a form posted from the English page (with lang=en in the form) are in English',
  );
  assertDocument(refused.html, 'en', 'the page with the error');
  assertDocument(next.html, 'en', 'the page after saving');
});

test('choosing a delivery window after confirming sets it on the order; a window not offered is 422 and changes nothing', async () => {
  const { o, link } = await orderWithLinks();
  const confirmed = await postForm(`${link}/confirm`, { window: '' });
  assert.equal(confirmed.status, 303);
  assert.equal((await getOrder(o.id)).status, 'confirmed');
  const before = await getOrder(o.id);
  assert.equal(before.delivery?.window_slot ?? null, null, 'no window yet');

  const { html } = await page(link);
  assert.doesNotMatch(html, CONFIRM_FORM, 'a confirmed order has no confirm form');
  const windowForm = /<form[^>]*action="([^"]*\/window)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  assert.ok(windowForm, 'the confirmed page offers the window form');
  const offered = [...windowForm[2].matchAll(/name="window"[^>]*value="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(offered.length >= 2, `windows are offered: ${offered.join(', ')}`);
  const chosen = offered[1];

  const res = await postForm(windowForm[1], { lang: 'ar', window: chosen });
  assert.equal(res.status, 303);
  const withWindow = await getOrder(o.id);
  const [date, from, to] = chosen.split('|');
  assert.deepEqual(withWindow.delivery.window_slot, { date, from, to });
  assert.equal(withWindow.status, 'confirmed');
  const shown = await page(link);
  assert.match(shown.html, new RegExp(`value="${escapeRe(chosen)}"[^>]*checked|checked[^>]*value="${escapeRe(chosen)}"`), 'the page shows the chosen window');

  const [firstDate] = offered[0].split('|');
  const notOffered = ['2000-01-01|09:00|13:00', `${firstDate}|08:00|09:00`, `${firstDate}|09:00`, `${chosen} `, chosen.replaceAll('|', ','), 'tomorrow', ''];
  for (const value of notOffered) {
    const form = await postForm(windowForm[1], { lang: 'ar', window: value });
    assert.equal(form.status, 422, `window ${JSON.stringify(value)} → ${form.status}`);
    assertDocument(form.html, 'ar', `the page refusing window ${JSON.stringify(value)}`);
    assert.match(form.html, /aria-invalid="true"/);
    const json = await fetch(`${s.url}${link}/window`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ window: value }) });
    assert.equal(json.status, 422);
    const body = (await json.json()) as any;
    assert.ok(body.error.details.some((d: any) => d.path === 'window'), JSON.stringify(body));
    const now = await getOrder(o.id);
    assert.deepEqual(now.delivery, withWindow.delivery, `window ${JSON.stringify(value)} changed the delivery`);
    assert.equal(now.updated_at, withWindow.updated_at, `window ${JSON.stringify(value)} touched the order`);
  }
});

test("a confirmed order's page has no confirm form; a cancelled order's page says so and has no forms", async () => {
  const a = await orderWithLinks();
  assert.equal((await postForm(`${a.link}/confirm`, { window: '' })).status, 303);
  for (const lang of ['ar', 'en'] as const) {
    const { status, html } = await page(`${a.link}?lang=${lang}`);
    assert.equal(status, 200);
    assert.doesNotMatch(html, CONFIRM_FORM, `${lang}: no confirm form once confirmed`);
    assert.ok(plain(html).includes(PAGE_TEXT[lang].confirmedTitle), `${lang}: says it is confirmed`);
  }
  const again = await postForm(`${a.link}/confirm`, {});
  assert.ok(again.status === 303 || again.status === 409, `confirming twice: ${again.status}`);
  assert.equal((await getOrder(a.o.id)).status, 'confirmed');

  const b = await orderWithLinks();
  const cancelled = await postForm(`${b.link}/cancel`, { reason: 'طلبت بالخطأ' });
  assert.equal(cancelled.status, 303);
  assert.equal((await getOrder(b.o.id)).status, 'cancelled');
  for (const [link, lang] of [[b.link, 'ar'], [`${b.link}?lang=en`, 'en'], [b.emailLink, 'ar']] as const) {
    const { status, html } = await page(link);
    assert.equal(status, 200, link);
    assertDocument(html, lang, `the cancelled order's page (${link})`);
    assert.ok(plain(html).includes(PAGE_TEXT[lang].cancelledTitle), `${lang}: says it is cancelled`);
    assert.doesNotMatch(html, FORM, `${lang}: a cancelled order's page has no forms`);
  }
  const late = await postForm(`${b.link}/confirm`, {});
  assert.equal(late.status, 409);
  assertDocument(late.html, 'ar', 'the answer to confirming a cancelled order');
  assert.equal((await getOrder(b.o.id)).status, 'cancelled');
});

test('an expired link shows a clear 410 page, in Arabic or English, and cannot confirm', async () => {
  const ttl = await s.api('PATCH', '/v1/store/settings', { verification: { link_ttl_seconds: 1 } });
  assert.equal(ttl.status, 200, JSON.stringify(ttl.body));
  try {
    const { o, link } = await orderWithLinks();
    await new Promise((r) => setTimeout(r, 1_500));
    const cases = [
      { headers: {}, query: '', lang: 'ar' },
      { headers: {}, query: '?lang=en', lang: 'en' },
      { headers: { 'accept-language': 'en' }, query: '', lang: 'en' },
      { headers: { 'accept-language': 'en-US,en;q=0.9,ar;q=0.1' }, query: '', lang: 'en' },
      { headers: { 'accept-language': 'en' }, query: '?lang=ar', lang: 'ar' },
    ] as const;
    for (const c of cases) {
      const { status, html, type } = await page(`${link}${c.query}`, c.headers);
      const what = `the expired link ${c.query} ${JSON.stringify(c.headers)}`;
      assert.equal(status, 410, what);
      assert.match(type, /^text\/html/, what);
      assertDocument(html, c.lang, what);
      const text = plain(html);
      assert.ok(text.includes(PAGE_TEXT[c.lang].problems.expired.title), `${what}: says the link expired`);
      assert.ok(text.includes(PAGE_TEXT[c.lang].problems.expired.hint), `${what}: says what to do`);
      assert.doesNotMatch(html, FORM, `${what}: offers nothing to submit`);
    }
    const form = await postForm(`${link}/confirm`, { window: '' });
    assert.equal(form.status, 410);
    assertDocument(form.html, 'ar', 'confirming through an expired link');
    const json = await fetch(`${s.url}${link}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 410);
    assert.equal(((await json.json()) as any).error.code, 'link_expired');
    const order = await getOrder(o.id);
    assert.equal(order.status, 'pending');
    assert.notEqual(order.verification.status, 'confirmed');
  } finally {
    const back = await s.api('PATCH', '/v1/store/settings', { verification: { link_ttl_seconds: WEEK } });
    assert.equal(back.status, 200, JSON.stringify(back.body));
  }
});

// Last: the limiter counts per address in this process, and every test here comes from 127.0.0.1.
test('guessing: after about twenty links that do not exist, the same client gets 429 pages, even for a real link', async () => {
  const { o, link } = await orderWithLinks();
  resetLimits();
  const guess = () => `/c/${randomBytes(24).toString('base64url')}`;
  let misses = 0;
  let first429: Awaited<ReturnType<typeof page>> | null = null;
  for (let i = 0; i < 40 && !first429; i++) {
    const r = await page(guess());
    if (r.status === 404) {
      misses++;
      assertDocument(r.html, 'ar', 'the page for a link that does not exist');
    } else if (r.status === 429) first429 = r;
    else assert.fail(`a guessed link → ${r.status}`);
  }
  assert.ok(first429, 'guessing is turned away');
  assert.ok(misses >= 10 && misses <= 30, `turned away after ${misses} misses`);
  assertDocument(first429.html, 'ar', 'the 429 page');
  assert.ok(plain(first429.html).includes(PAGE_TEXT.ar.problems.rate_limited.title));

  const en = await page(`${guess()}?lang=en`);
  assert.equal(en.status, 429);
  assertDocument(en.html, 'en', 'the 429 page in English');
  assert.ok(plain(en.html).includes(PAGE_TEXT.en.problems.rate_limited.title));
  const real = await page(link, { 'accept-language': 'en' });
  assert.equal(real.status, 429, 'the same client is turned away from a real link too');
  assertDocument(real.html, 'en', 'the 429 page for a real link');
  const json = await fetch(`${s.url}${link}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(json.status, 429);
  const body = (await json.json()) as any;
  assert.equal(body.error.code, 'rate_limited');
  assert.ok(Array.isArray(body.error.details));
  assert.equal((await getOrder(o.id)).status, 'pending', 'a turned-away confirm changes nothing');

  resetLimits();
  assert.equal((await page(link)).status, 200, 'once the limits are reset, the real link works again');
});
