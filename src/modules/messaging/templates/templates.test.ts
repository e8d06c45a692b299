import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_TEMPLATES,
  REQUIRED_VARIABLES,
  TEMPLATE_VARIABLES,
  WHATSAPP_TEMPLATE,
  emailHtml,
  renderTemplate,
  templateProblems,
  whatsappBodyParams,
  whatsappTemplateBody,
  type Lang,
  type TemplateKey,
} from './index.ts';

const KEYS = Object.keys(DEFAULT_TEMPLATES) as TemplateKey[];
const LANGS: Lang[] = ['ar', 'en'];

const VARS_AR = {
  customer_name: 'نورة',
  order_number: '1042',
  store_name: 'متجر الأناقة',
  total: '349.00 ر.س',
  items: '2 × قميص، 1 × حذاء',
  link: 'https://wasl.example/c/9fK2mQ7xLp',
  phone: '+966 50 123 4567',
};

test('every default template passes templateProblems', () => {
  for (const key of KEYS) {
    for (const lang of LANGS) {
      assert.deepEqual(templateProblems(key, DEFAULT_TEMPLATES[key][lang]), [], `${key}/${lang}`);
    }
  }
});

test('every default uses each required variable and renders with no placeholder left', () => {
  for (const key of KEYS) {
    for (const lang of LANGS) {
      const r = renderTemplate(DEFAULT_TEMPLATES[key][lang], VARS_AR);
      assert.doesNotMatch(r.body + (r.subject ?? ''), /[{}]/, `${key}/${lang}`);
      assert.ok(r.body.includes(VARS_AR.link), `${key}/${lang} carries the link`);
      for (const v of REQUIRED_VARIABLES[key]) assert.ok(TEMPLATE_VARIABLES[key].includes(v));
    }
  }
});

test('the SMS stays short: at most two segments with a typical link and store name', () => {
  const ar = renderTemplate(DEFAULT_TEMPLATES.confirm_sms.ar, VARS_AR).body;
  const en = renderTemplate(DEFAULT_TEMPLATES.confirm_sms.en, { ...VARS_AR, store_name: 'Elegance' }).body;
  assert.ok([...ar].length <= 134, `Arabic SMS is ${[...ar].length} chars`); // 2 × 67 UCS-2
  assert.ok(en.length <= 160, `English SMS is ${en.length} chars`);
});

test('the WhatsApp defaults use exactly the approved template parameters, in order', () => {
  for (const lang of LANGS) {
    const numbered = whatsappTemplateBody(DEFAULT_TEMPLATES.confirm_whatsapp[lang]);
    assert.deepEqual([...numbered.matchAll(/\{\{(\d+)\}\}/g)].map((m) => m[1]), ['1', '2', '3', '4']);
    assert.doesNotMatch(numbered, /\{\{[a-z_]/);
  }
  assert.deepEqual(whatsappBodyParams({ ...VARS_AR, customer_name: 'Sara\nAli', total: '' }), [
    'Sara Ali', '1042', '-', VARS_AR.link,
  ]);
  assert.deepEqual(WHATSAPP_TEMPLATE.quickReplies, ['confirm', 'cancel']);
});

test('renderTemplate fills names with or without spaces and empties missing ones', () => {
  const r = renderTemplate(
    { subject: 'Order #{{ order_number }}', body: 'Hi {{customer_name}}, see {{  link  }}. {{nope}}!' },
    { order_number: '7', link: 'https://x.example/c/1' },
  );
  assert.equal(r.subject, 'Order #7');
  assert.equal(r.body, 'Hi, see https://x.example/c/1.!');
  assert.equal(renderTemplate({ body: 'a {{constructor}} b' }, {}).body, 'a b');
});

test('renderTemplate does not expand placeholders inside values, and keeps subjects on one line', () => {
  const r = renderTemplate({ subject: 'For {{customer_name}}', body: 'Hi {{customer_name}}' }, { customer_name: 'X {{link}}\r\nBcc: y' });
  assert.equal(r.body, 'Hi X {{link}}\r\nBcc: y');
  assert.equal(r.subject, 'For X {{link}} Bcc: y');
  assert.equal(renderTemplate({ body: 'x' }, {}).subject, undefined);
});

test('Arabic renders intact', () => {
  const r = renderTemplate(DEFAULT_TEMPLATES.unreachable_email.ar, VARS_AR);
  assert.equal(r.subject, 'لم نتمكن من الوصول إليك بخصوص طلبك رقم 1042');
  assert.ok(r.body.startsWith('مرحبًا نورة،\n'));
  assert.ok(r.body.includes('تفاصيل الطلب: 2 × قميص، 1 × حذاء'));
  assert.ok(r.body.includes('على الرقم +966 50 123 4567 لتأكيد طلبك رقم 1042'));
  assert.ok(r.body.includes('فريق متجر الأناقة'));
  assert.equal(r.body.normalize('NFC'), r.body);
});

test('an unknown variable is reported with its name', () => {
  const p = templateProblems('confirm_sms', { body: 'Hi {{ first_name }} {{link}}' });
  assert.equal(p.length, 1);
  assert.equal(p[0].path, 'body');
  assert.match(p[0].message, /first_name/);
});

test('phone is allowed in the email only', () => {
  assert.deepEqual(templateProblems('unreachable_email', { subject: 'S', body: '{{phone}} {{link}}' }), []);
  assert.match(templateProblems('confirm_sms', { body: '{{phone}} {{link}}' })[0].message, /phone/);
});

test('a missing required link is reported', () => {
  const sms = templateProblems('confirm_sms', { body: 'Please confirm order {{order_number}}' });
  assert.deepEqual(sms, [{ path: 'body', message: 'Missing required variable {{link}}' }]);
  const email = templateProblems('unreachable_email', { subject: 'See {{link}}', body: 'Hello' });
  assert.ok(email.some((p) => p.path === 'body' && /\{\{link\}\}/.test(p.message)), 'link in the subject does not count');
  assert.deepEqual(templateProblems('confirm_whatsapp', { body: 'Hello {{customer_name}}' }), []);
});

test('unbalanced braces are reported', () => {
  for (const body of ['{{link}} {{name', '{{link}} {name}', '{{link}} }}', '{{link}} {{{total}}}', '{{link}} {{ }}', '{{link}} {{a b}}']) {
    const p = templateProblems('confirm_sms', { body });
    assert.ok(p.length > 0, body);
    assert.ok(p.every((x) => x.path === 'body'), body);
  }
});

test('body must be present and at most 1,000 characters', () => {
  assert.match(templateProblems('confirm_whatsapp', { body: '  \n' })[0].message, /empty/);
  const long = templateProblems('confirm_whatsapp', { body: 'x'.repeat(1001) });
  assert.match(long[0].message, /1001.*1000/);
  assert.deepEqual(templateProblems('confirm_whatsapp', { body: 'x'.repeat(1000) }), []);
});

test('a subject belongs to the email only, and the email needs one', () => {
  assert.deepEqual(templateProblems('confirm_sms', { subject: 'Hi', body: '{{link}}' }), [
    { path: 'subject', message: 'Only email templates have a subject' },
  ]);
  assert.deepEqual(templateProblems('confirm_sms', { subject: '', body: '{{link}}' }), []);
  assert.equal(templateProblems('unreachable_email', { body: '{{link}}' })[0].path, 'subject');
  assert.equal(templateProblems('unreachable_email', { subject: 'a\nb', body: '{{link}}' })[0].path, 'subject');
  assert.match(templateProblems('unreachable_email', { subject: '{{coupon}}', body: '{{link}}' })[0].message, /coupon/);
});

test('emailHtml escapes the body and turns URLs into links', () => {
  const html = emailHtml('Hi <script>alert(1)</script> & co\nSee https://wasl.example/c/a?x=1&y=2.\n\nBye', 'en', 'A&B <Shop>');
  assert.doesNotMatch(html, /<script/i);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co<br>'));
  assert.ok(html.includes('<a href="https://wasl.example/c/a?x=1&amp;y=2" dir="ltr"'));
  assert.ok(html.includes('>https://wasl.example/c/a?x=1&amp;y=2</a>.'), 'the full stop stays outside the link');
  assert.ok(html.includes('<title>A&amp;B &lt;Shop&gt;</title>'));
  assert.equal((html.match(/<p /g) ?? []).length, 2);
  assert.match(html, /<html lang="en" dir="ltr">/);
});

test('emailHtml is right-to-left for Arabic and isolates phone numbers', () => {
  const body = renderTemplate(DEFAULT_TEMPLATES.unreachable_email.ar, VARS_AR).body;
  const html = emailHtml(body, 'ar', 'متجر الأناقة');
  assert.match(html, /<html lang="ar" dir="rtl">/);
  assert.match(html, /<table role="presentation" lang="ar" dir="rtl"/);
  assert.ok(html.includes('<span dir="ltr">+966 50 123 4567</span>'));
  assert.ok(html.includes(`<a href="${VARS_AR.link}"`));
  assert.ok(html.includes('text-align:right'));
  assert.doesNotMatch(html, /javascript:/);
});

test('emailHtml links only http(s) URLs', () => {
  const html = emailHtml('javascript:alert(1) and "https://a.example/x"onmouseover=1', 'en', 'S');
  assert.doesNotMatch(html, /href="javascript/);
  assert.ok(html.includes('<a href="https://a.example/x" dir="ltr"'));
  assert.ok(html.includes('&quot;onmouseover=1'));
});
