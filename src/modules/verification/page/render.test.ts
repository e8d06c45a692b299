import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGE_TEXT, pickLang, renderConfirmationPage, renderProblemPage, type PageModel, type ProblemKind } from './render.ts';
import { escapeHtml } from './html.ts';
import { sampleModel } from './sample.ts';

// Intl puts no-break spaces and bidi marks in amounts; compare them as a reader sees them.
const plain = (html: string) => html.replace(/\u00a0/g, ' ').replace(/[\u200e\u200f\u061c]/g, '');
const count = (html: string, re: RegExp) => (html.match(new RegExp(re.source, 'g')) ?? []).length;
const CONFIRM_FORM = /<form method="post" action="\/c\/[^"]+\/confirm"/;

test('lang and dir follow the page language', () => {
  const ar = renderConfirmationPage(sampleModel('ar'));
  const en = renderConfirmationPage(sampleModel('en'));
  assert.match(ar, /^<!doctype html>\n<html lang="ar" dir="rtl">/);
  assert.match(en, /^<!doctype html>\n<html lang="en" dir="ltr">/);
  for (const html of [ar, en]) {
    assert.ok(html.includes('<meta name="viewport" content="width=device-width, initial-scale=1">'));
    assert.ok(html.includes('<meta name="robots" content="noindex">'));
    assert.ok(html.includes('<title>متجر الأناقة — '));
  }
  assert.ok(ar.includes('الدفع عند الاستلام'));
  assert.ok(en.includes('Cash on delivery'));
  assert.ok(ar.includes('href="/c/k7Qm2xV9pL4sT8wZ?lang=en" hreflang="en" lang="en">English</a>'));
  assert.ok(en.includes('href="/c/k7Qm2xV9pL4sT8wZ?lang=ar" hreflang="ar" lang="ar">العربية</a>'));
});

test('the summary shows number, items, totals with currency and the address', () => {
  const ar = plain(renderConfirmationPage(sampleModel('ar')));
  const en = plain(renderConfirmationPage(sampleModel('en')));
  assert.ok(ar.includes('طلب رقم 1042'));
  assert.ok(en.includes('Order #1042'));
  assert.ok(ar.includes('عباية كريب سوداء') && ar.includes('الكمية: 2'));
  assert.ok(ar.includes('401.35 ر.س.'));
  assert.ok(en.includes('SAR 401.35'));
  assert.ok(en.includes('-SAR 30.00'), 'the discount is shown as a deduction');
  assert.ok(en.includes('<dt>Shipping</dt><dd>Free</dd>'));
  assert.ok(ar.includes('المملكة العربية السعودية') && ar.includes('العليا، الرياض'));
  assert.ok(en.includes('Placed 23 November 2026 at 9:05 pm'), 'placed-at is in the store time zone');
});

test('a hostile customer name, store name or token is escaped everywhere', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const base = sampleModel('ar');
  for (const purpose of ['confirm', 'email'] as const) {
    const html = renderConfirmationPage({
      ...base,
      purpose,
      token: '"><script>x</script>',
      order: { ...base.order, customerName: evil, storeName: evil, lines: [{ name: evil, quantity: 1, total: '1.00' }], address: { ...base.order.address, line1: evil } },
      notice: { kind: 'error', text: evil },
      fieldErrors: { line1: evil, phone: evil },
      values: { reason: '</textarea><script>alert(1)</script>' },
    });
    assert.doesNotMatch(html, /<img/);
    assert.doesNotMatch(html, /<script/);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('/c/%22%3E%3Cscript%3Ex%3C%2Fscript%3E/cancel'));
  }
  assert.equal(escapeHtml(`a&<>"'`), 'a&amp;&lt;&gt;&quot;&#39;');
});

test('open confirm page: confirm, address and cancel forms, no phone form', () => {
  const html = renderConfirmationPage(sampleModel('en'));
  assert.match(html, CONFIRM_FORM);
  assert.ok(html.includes('action="/c/k7Qm2xV9pL4sT8wZ/address"'));
  assert.ok(html.includes('action="/c/k7Qm2xV9pL4sT8wZ/cancel"'));
  assert.ok(!html.includes('/phone"'));
  assert.ok(!html.includes('/window"'));
  for (const f of ['line1', 'line2', 'district', 'city', 'region', 'postal_code']) {
    assert.match(html, new RegExp(`<label for="f-${f}">`));
    assert.match(html, new RegExp(`<input type="text" id="f-${f}" name="${f}"`));
  }
  assert.ok(html.includes('name="city" maxlength="100" autocomplete="address-level2" required value="الرياض"'), 'prefilled');
  assert.ok(html.includes('<textarea id="f-reason" name="reason"'));
  assert.equal(count(html, /<details/), 2, 'address and cancel are folded away');
  assert.ok(html.includes('class="btn btn-danger">Cancel order</button>'));
});

test('email purpose: no confirm form, but the phone form and the cancel form', () => {
  for (const lang of ['ar', 'en'] as const) {
    const html = renderConfirmationPage(sampleModel(lang, { purpose: 'email' }));
    assert.doesNotMatch(html, CONFIRM_FORM);
    assert.ok(!html.includes(PAGE_TEXT[lang].confirmButton));
    assert.ok(!html.includes('/address"'), 'an email link cannot change the address either');
    assert.ok(html.includes('action="/c/k7Qm2xV9pL4sT8wZ/phone"'));
    assert.match(html, /<input type="tel" id="f-phone" name="phone"[^>]* autocomplete="tel" dir="ltr"[^>]* inputmode="tel"/);
    assert.ok(html.includes('<label for="f-phone">'));
    assert.ok(html.includes(PAGE_TEXT[lang].phoneHint));
    assert.ok(html.includes('action="/c/k7Qm2xV9pL4sT8wZ/cancel"'));
    assert.ok(html.includes('<bdi dir="ltr">+966501234567</bdi>'), 'the number we tried is shown, isolated');
  }
});

test('confirmed: thanks with the chosen window, the window form, no confirm or cancel form', () => {
  const base = sampleModel('ar');
  const html = renderConfirmationPage({ ...base, state: 'confirmed', order: { ...base.order, window: base.windows[1] } });
  assert.doesNotMatch(html, CONFIRM_FORM);
  assert.ok(!html.includes('/cancel"') && !html.includes('/address"'));
  assert.ok(html.includes(PAGE_TEXT.ar.confirmedTitle));
  assert.ok(html.includes('موعد التوصيل: الثلاثاء، 24 نوفمبر، 4:00 م – 9:00 م'));
  assert.ok(html.includes('action="/c/k7Qm2xV9pL4sT8wZ/window"'));
  assert.match(html, /value="2026-11-24\|16:00\|21:00" checked>/);
  assert.ok(!html.includes('f-window-any'), 'changing the window needs a real window');

  const none = renderConfirmationPage(sampleModel('en', { state: 'confirmed' }));
  assert.ok(none.includes('<h2>Choose a delivery time</h2>'), 'not yet chosen: the choice is open, not folded');
  const noWindows = renderConfirmationPage(sampleModel('en', { state: 'confirmed', windows: [] }));
  assert.equal(count(noWindows, /<form/), 0);
});

test('cancelled and closed pages carry a message and the summary but no forms', () => {
  for (const state of ['cancelled', 'closed'] as const) {
    for (const lang of ['ar', 'en'] as const) {
      const html = renderConfirmationPage(sampleModel(lang, { state }));
      assert.equal(count(html, /<form/), 0, `${state}/${lang}`);
      assert.ok(html.includes(PAGE_TEXT[lang][state === 'cancelled' ? 'cancelledTitle' : 'closedTitle']));
      assert.ok(html.includes(PAGE_TEXT[lang].summaryTitle));
    }
  }
});

test('windows are grouped by day with weekday and date in the page language', () => {
  const ar = renderConfirmationPage(sampleModel('ar'));
  const en = renderConfirmationPage(sampleModel('en'));
  assert.equal(count(ar, /<fieldset>/), 2);
  assert.ok(ar.includes('<legend>الثلاثاء، 24 نوفمبر</legend>'));
  assert.ok(ar.includes('<legend>الأربعاء، 25 نوفمبر</legend>'));
  assert.ok(en.includes('<legend>Tuesday 24 November</legend>'));
  assert.ok(en.includes('<legend>Wednesday 25 November</legend>'));
  assert.ok(ar.includes('<span>9:00 ص – 1:00 م</span>'));
  assert.ok(en.includes('<span>4:00 pm – 9:00 pm</span>'));
  assert.equal(count(en, /type="radio" name="window"/), 5, 'four windows and "any time"');
  const day1 = en.slice(en.indexOf('Tuesday 24 November'), en.indexOf('Wednesday'));
  assert.equal(count(day1, /type="radio"/), 2);
  assert.doesNotMatch(en, / checked[ >]/, 'nothing chosen for the buyer');
  const refilled = renderConfirmationPage(sampleModel('en', { values: { window: '2026-11-25|09:00|13:00' } }));
  assert.match(refilled, /value="2026-11-25\|09:00\|13:00" checked>/);
  const none = renderConfirmationPage(sampleModel('en', { windows: [] }));
  assert.match(none, CONFIRM_FORM);
  assert.ok(!none.includes('name="window"'));
});

test('field errors sit next to their field with aria-invalid and aria-describedby', () => {
  const m: PageModel = sampleModel('en', {
    fieldErrors: { city: 'Please enter your city', window: 'Please choose a time', somewhere: 'Something else' },
    values: { city: '', line1: 'New street 5' },
  });
  const html = renderConfirmationPage(m);
  assert.match(html, /<input type="text" id="f-city" name="city"[^>]* aria-invalid="true" aria-describedby="f-city-error"[^>]*>/);
  assert.ok(html.includes('<p class="field-error" id="f-city-error">Please enter your city</p>'));
  assert.ok(html.includes('value="New street 5"'), 'typed values are refilled');
  assert.match(html, /<details open><summary>Correct the address/, 'the form with an error is unfolded');
  assert.equal(count(html, /aria-describedby="f-window-error"/), 5);
  assert.ok(html.includes('id="f-window-error">Please choose a time</p>'));
  assert.equal(count(html, / autofocus/), 1);
  assert.ok(html.includes('<li>Something else</li>'), 'an error with no field on the page is listed on top');
  assert.ok(html.indexOf('Something else') < html.indexOf('Order details'));

  const phone = renderConfirmationPage(sampleModel('ar', { purpose: 'email', fieldErrors: { phone: 'رقم غير صحيح' }, values: { phone: '0501' } }));
  assert.match(phone, /id="f-phone"[^>]* aria-invalid="true" aria-describedby="f-phone-hint f-phone-error"[^>]* value="0501">/);
});

test('the notice is shown on top', () => {
  const html = renderConfirmationPage(sampleModel('en', { notice: { kind: 'success', text: 'Address saved' } }));
  assert.ok(html.includes('<div class="notice notice-success" role="status"><p>Address saved</p></div>'));
  assert.ok(html.indexOf('Address saved') < html.indexOf('<h1>'));
});

test('an empty customer name does not leave a dangling greeting', () => {
  const base = sampleModel('ar');
  const html = renderConfirmationPage({ ...base, order: { ...base.order, customerName: ' ' } });
  assert.ok(html.includes('<p class="lead">مرحبًا، راجع'));
});

test('problem pages in both languages, with a switch and no technical details', () => {
  const kinds: ProblemKind[] = ['expired', 'used', 'not_found', 'rate_limited', 'error'];
  for (const kind of kinds) {
    const ar = renderProblemPage(kind, 'ar');
    const en = renderProblemPage(kind, 'en');
    assert.match(ar, /<html lang="ar" dir="rtl">/);
    assert.match(en, /<html lang="en" dir="ltr">/);
    assert.ok(ar.includes(`<h1>${PAGE_TEXT.ar.problems[kind].title}</h1>`));
    assert.ok(en.includes(`<h1>${escapeHtml(PAGE_TEXT.en.problems[kind].title)}</h1>`));
    assert.ok(ar.includes('href="?lang=en"'));
    assert.ok(en.includes('href="?lang=ar"'));
    assert.ok(ar.includes('<meta name="robots" content="noindex">'));
    assert.equal(count(en, /<form/), 0);
  }
  assert.ok(renderProblemPage('expired', 'ar').includes('ردّ على الرسالة'));
});

test('no page refers to another host or runs script', () => {
  const base = sampleModel('en');
  const pages = [
    ...(['ar', 'en'] as const).flatMap((lang) =>
      (['open', 'confirmed', 'cancelled', 'closed'] as const).flatMap((state) =>
        (['confirm', 'email'] as const).map((purpose) => renderConfirmationPage(sampleModel(lang, { state, purpose, order: { ...base.order, window: base.windows[0] } }))),
      ),
    ),
    renderProblemPage('error', 'ar'),
  ];
  for (const html of pages) {
    assert.doesNotMatch(html, /https?:/i);
    assert.doesNotMatch(html, /(src|href|action)="\/\//, 'no protocol-relative URLs');
    assert.doesNotMatch(html, /<script|<link |@import|url\(/i);
  }
});

test('pickLang: query, then Accept-Language by weight, then the fallback', () => {
  assert.equal(pickLang('en', 'ar', 'ar'), 'en');
  assert.equal(pickLang('AR', undefined, 'en'), 'ar');
  assert.equal(pickLang('fr', 'en-US,en;q=0.9', 'ar'), 'en');
  assert.equal(pickLang(undefined, 'ar-EG,ar;q=0.9,en;q=0.8', 'en'), 'ar');
  assert.equal(pickLang(undefined, 'fr-FR, en;q=0.5, ar;q=0.7', 'en'), 'ar');
  assert.equal(pickLang(undefined, 'ar;q=0, en;q=0.1', 'ar'), 'en');
  assert.equal(pickLang(undefined, 'de, fr', 'ar'), 'ar');
  assert.equal(pickLang('', '', 'en'), 'en');
});
