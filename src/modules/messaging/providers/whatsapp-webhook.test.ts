import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { signWhatsAppBody, whatsappWebhookBody } from '../../../../test/stand-ins/whatsapp.ts';
import { parseWhatsAppWebhook, replyIntent, verificationChallenge, verifyWhatsAppSignature } from './whatsapp-webhook.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/whatsapp-${name}.json`, import.meta.url), 'utf8'));

const SECRET = 'a1b2c3d4e5f6app-secret';

// ── X-Hub-Signature-256 ───────────────────────────────────────────────────────────────────

test('a body signed with the app secret verifies; anything else does not', () => {
  const raw = Buffer.from(JSON.stringify(fixture('button')));
  const good = `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
  assert.equal(signWhatsAppBody(SECRET, raw), good, 'the stand-in signs the way Meta does');

  assert.equal(verifyWhatsAppSignature(SECRET, raw, good), true);
  assert.equal(verifyWhatsAppSignature(SECRET, raw, `sha256=${good.slice(7).toUpperCase()}`), true, 'hex case does not matter');
  assert.equal(verifyWhatsAppSignature('other-secret', raw, good), false, 'wrong secret');
  assert.equal(verifyWhatsAppSignature(SECRET, raw, undefined), false, 'missing header');
  assert.equal(verifyWhatsAppSignature(SECRET, raw, ''), false, 'empty header');
  assert.equal(verifyWhatsAppSignature(SECRET, Buffer.from(raw.toString().replace('Unsubscribe', 'unsubscribe')), good), false, 'tampered body');
  assert.equal(verifyWhatsAppSignature(SECRET, Buffer.concat([raw, Buffer.from(' ')]), good), false, 'one extra byte');
  assert.equal(verifyWhatsAppSignature(SECRET, raw, good.slice(0, -2)), false, 'short header');
  assert.equal(verifyWhatsAppSignature(SECRET, raw, `${good}00`), false, 'long header');
  assert.equal(verifyWhatsAppSignature(SECRET, raw, good.slice(7)), false, 'no sha256= prefix');
  assert.equal(verifyWhatsAppSignature(SECRET, raw, `sha1=${good.slice(7)}`), false, 'other algorithm');
  assert.equal(verifyWhatsAppSignature(SECRET, raw, `sha256=${'z'.repeat(64)}`), false, 'not hex');
  assert.equal(verifyWhatsAppSignature('', raw, signWhatsAppBody('', raw)), false, 'an unset secret verifies nothing');
});

test('the signature covers the raw bytes, not the JSON they parse to', () => {
  const compact = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
  const spaced = Buffer.from('{ "object": "whatsapp_business_account", "entry": [] }');
  assert.equal(verifyWhatsAppSignature(SECRET, spaced, signWhatsAppBody(SECRET, compact)), false);
  const arabic = Buffer.from(JSON.stringify({ text: 'نعم أكيد 👍' }));
  assert.equal(verifyWhatsAppSignature(SECRET, arabic, signWhatsAppBody(SECRET, arabic)), true);
});

// ── GET handshake ─────────────────────────────────────────────────────────────────────────

test('the verification handshake echoes hub.challenge only for subscribe with our token', () => {
  const q = { 'hub.mode': 'subscribe', 'hub.verify_token': 'vibecoding', 'hub.challenge': '1158201444' };
  assert.deepEqual(verificationChallenge(q, 'vibecoding'), { ok: true, challenge: '1158201444' });
  assert.deepEqual(verificationChallenge({ hub: { mode: 'subscribe', verify_token: 'vibecoding', challenge: '42' } }, 'vibecoding'), {
    ok: true,
    challenge: '42',
  });

  const refused: Array<[string, Record<string, unknown>, string]> = [
    ['wrong token', { ...q, 'hub.verify_token': 'guess' }, 'vibecoding'],
    ['token prefix', { ...q, 'hub.verify_token': 'vibe' }, 'vibecoding'],
    ['wrong mode', { ...q, 'hub.mode': 'unsubscribe' }, 'vibecoding'],
    ['no mode', { 'hub.verify_token': 'vibecoding', 'hub.challenge': '1' }, 'vibecoding'],
    ['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }, 'vibecoding'],
    ['no challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': 'vibecoding' }, 'vibecoding'],
    ['empty challenge', { ...q, 'hub.challenge': '' }, 'vibecoding'],
    ['markup challenge', { ...q, 'hub.challenge': '<script>alert(1)</script>' }, 'vibecoding'],
    ['repeated token', { ...q, 'hub.verify_token': ['vibecoding', 'vibecoding'] }, 'vibecoding'],
    ['unset verify token', { ...q, 'hub.verify_token': '' }, ''],
    ['empty query', {}, 'vibecoding'],
  ];
  for (const [why, query, token] of refused) assert.deepEqual(verificationChallenge(query, token), { ok: false }, why);
});

// ── Parsing Meta's published samples ──────────────────────────────────────────────────────

const META_WAMID = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=';

test('status fixtures: sent, delivered, read', () => {
  for (const status of ['sent', 'delivered', 'read'] as const) {
    assert.deepEqual(parseWhatsAppWebhook(fixture(`status-${status}`)), {
      statuses: [{ providerMessageId: META_WAMID, status, at: new Date(1750030073_000), recipient: '16505551234' }],
      inbound: [],
    });
  }
});

test('status fixture: failed carries the error code and title', () => {
  assert.deepEqual(parseWhatsAppWebhook(fixture('status-failed')), {
    statuses: [
      {
        providerMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA',
        status: 'failed',
        at: new Date(1751142888_000),
        recipient: '16505551234',
        error: { code: '131049', title: 'This message was not delivered to maintain healthy ecosystem engagement.' },
      },
    ],
    inbound: [],
  });
});

test('text fixture', () => {
  assert.deepEqual(parseWhatsAppWebhook(fixture('text')), {
    statuses: [],
    inbound: [
      {
        providerMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        from: '+16505551234',
        at: new Date(1749416383_000),
        contextId: null,
        kind: 'text',
        payload: null,
        text: 'Does it come in another color?',
        profileName: 'Sheena Nelson',
      },
    ],
  });
});

test('quick-reply button fixture: payload, label and the message it answers', () => {
  assert.deepEqual(parseWhatsAppWebhook(fixture('button')).inbound, [
    {
      providerMessageId: META_WAMID,
      from: '+16505551234',
      at: new Date(1750091045_000),
      contextId: 'wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=',
      kind: 'button',
      payload: 'Unsubscribe',
      text: 'Unsubscribe',
      profileName: 'Sheena Nelson',
    },
  ]);
});

test('interactive button_reply fixture', () => {
  assert.deepEqual(parseWhatsAppWebhook(fixture('interactive-button-reply')).inbound, [
    {
      providerMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTZBQzg0MzQ4QjRCM0NGNkVGOAA=',
      from: '+16505551234',
      at: new Date(1750025136_000),
      contextId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA',
      kind: 'interactive',
      payload: 'cancel-button',
      text: 'Cancel',
      profileName: 'Sheena Nelson',
    },
  ]);
});

test('the stand-in builds webhooks the parser reads back', () => {
  const b = whatsappWebhookBody('button', { from: '+966501234567', contextId: 'wamid.ORDER', payload: 'confirm', text: 'تأكيد', profileName: 'أحمد', timestamp: 1750000000 }, PHONE);
  assert.deepEqual(parseWhatsAppWebhook(JSON.parse(JSON.stringify(b))).inbound.map(({ providerMessageId, ...rest }) => rest), [
    { from: '+966501234567', at: new Date(1750000000_000), contextId: 'wamid.ORDER', kind: 'button', payload: 'confirm', text: 'تأكيد', profileName: 'أحمد' },
  ]);
  const s = whatsappWebhookBody('status', { wamid: 'wamid.X', status: 'failed', recipient: '+966501234567', timestamp: 1750000001, error: { code: 131026, title: 'Message undeliverable' } }, PHONE);
  assert.deepEqual(parseWhatsAppWebhook(s).statuses, [
    { providerMessageId: 'wamid.X', status: 'failed', at: new Date(1750000001_000), recipient: '966501234567', error: { code: '131026', title: 'Message undeliverable' } },
  ]);
  const t = whatsappWebhookBody('text', { from: '+201001234567', text: 'ايوه', wamid: 'wamid.T', timestamp: 1750000002 }, PHONE);
  assert.equal(parseWhatsAppWebhook(t).inbound[0].text, 'ايوه');
  const i = whatsappWebhookBody('interactive', { from: '+201001234567', contextId: 'wamid.C', id: 'cancel', title: 'إلغاء' }, PHONE);
  assert.equal(parseWhatsAppWebhook(i).inbound[0].payload, 'cancel');
});
const PHONE = '106540352242922';

test('a batch keeps every entry and change, and skips other fields', () => {
  const sent = fixture('status-sent') as any;
  const text = fixture('text') as any;
  const batch = {
    object: 'whatsapp_business_account',
    entry: [
      { id: '1', changes: [...sent.entry[0].changes, { field: 'account_update', value: { statuses: sent.entry[0].changes[0].value.statuses } }] },
      text.entry[0],
    ],
  };
  const out = parseWhatsAppWebhook(batch);
  assert.equal(out.statuses.length, 1);
  assert.equal(out.inbound.length, 1);
});

test('unknown message types and statuses are kept or skipped, never guessed', () => {
  const body = whatsappWebhookBody('text', { from: '16505551234', text: 'x', wamid: 'wamid.R', timestamp: 1750000000 }, PHONE) as any;
  const m = body.entry[0].changes[0].value.messages[0];
  delete m.text;
  Object.assign(m, { type: 'reaction', reaction: { message_id: 'wamid.Y', emoji: '👍' } });
  assert.deepEqual(parseWhatsAppWebhook(body).inbound[0], {
    providerMessageId: 'wamid.R', from: '+16505551234', at: new Date(1750000000_000), contextId: null, kind: 'other', payload: null, text: null, profileName: 'Customer',
  });
  const played = whatsappWebhookBody('status', { wamid: 'wamid.V', status: 'read', recipient: '1' }, PHONE) as any;
  played.entry[0].changes[0].value.statuses[0].status = 'played';
  assert.deepEqual(parseWhatsAppWebhook(played).statuses, []);
});

// ── Garbage in ────────────────────────────────────────────────────────────────────────────

test('garbage never throws and yields nothing', () => {
  const garbage: unknown[] = [
    null, undefined, 0, 1, -1, NaN, '', 'entry', '{"entry":[]}', true, [], [[]], [{}], {}, { entry: null }, { entry: 'x' },
    { entry: {} }, { entry: [null, 1, 'x', [], {}] }, { entry: [{ changes: null }] }, { entry: [{ changes: [null, 3, 'x'] }] },
    { entry: [{ changes: [{ field: 'messages' }] }] }, { entry: [{ changes: [{ field: 'messages', value: [] }] }] },
    { entry: [{ changes: [{ field: 'messages', value: { statuses: {}, messages: 'x', contacts: 7 } }] }] },
    { entry: [{ changes: [{ field: 'messages', value: { statuses: [null, {}, { id: 5, status: 'sent', timestamp: '1' }, { id: 'w', status: 'sent', timestamp: 'soon' }] } }] }] },
    { entry: [{ changes: [{ field: 'messages', value: { statuses: [{ id: 'w', status: 'sent', timestamp: '-5' }, { id: 'w', status: 'sent', timestamp: 1e300 }] } }] }] },
    { entry: [{ changes: [{ field: 'messages', value: { messages: [null, {}, { id: 'w', from: 'evil', timestamp: '1' }, { id: 'w', from: '123', timestamp: [] }, { id: 'w', from: 'US.13491208655302741918', timestamp: '1' }] } }] }] },
    { entry: [{ changes: [{ value: { statuses: [{ id: 'w', status: 'sent', timestamp: '1' }] } }] }] }, // no field
    Object.create(null), new Date(), () => 1, Symbol('x'), 10n,
  ];
  garbage.forEach((g, i) => assert.deepEqual(parseWhatsAppWebhook(g), { statuses: [], inbound: [] }, `garbage[${i}]`));
});

test('a well-formed item survives malformed neighbours and malformed optional parts', () => {
  const body = { entry: [{ changes: [{ field: 'messages', value: { contacts: 'x', statuses: [7, { id: 'w', status: 'failed', timestamp: '1', errors: 'no' }], messages: [{ id: 'm', from: '+966501234567', timestamp: 2, type: 'button', button: 'x', context: [] }] } }] }] };
  assert.deepEqual(parseWhatsAppWebhook(body), {
    statuses: [{ providerMessageId: 'w', status: 'failed', at: new Date(1000), recipient: '' }],
    inbound: [{ providerMessageId: 'm', from: '+966501234567', at: new Date(2000), contextId: null, kind: 'other', payload: null, text: null, profileName: null }],
  });
});

test('fixtures with any part replaced by arbitrary JSON never throw', () => {
  const names = ['status-sent', 'status-failed', 'text', 'button', 'interactive-button-reply'];
  fc.assert(
    fc.property(fc.constantFrom(...names), fc.array(fc.nat()), fc.jsonValue(), (name, path, replacement) => {
      const body = fixture(name) as any;
      let node = body;
      // Walk down the fixture following `path`, then swap whatever is there for `replacement`.
      for (const step of path) {
        const keys = node && typeof node === 'object' ? Object.keys(node) : [];
        if (keys.length === 0) break;
        const key = keys[step % keys.length];
        const child = node[key];
        if (!child || typeof child !== 'object' || step % 3 === 0) {
          node[key] = replacement;
          break;
        }
        node = child;
      }
      const out = parseWhatsAppWebhook(body);
      for (const s of out.statuses) assert.ok(s.at instanceof Date && !Number.isNaN(s.at.getTime()));
      for (const m of out.inbound) assert.match(m.from, /^\+\d+$/);
    }),
    { numRuns: 2000 },
  );
  fc.assert(fc.property(fc.anything(), (x) => void parseWhatsAppWebhook(x)), { numRuns: 500 });
});

// ── Reply intent ──────────────────────────────────────────────────────────────────────────

test('button payloads decide, whatever the label says', () => {
  assert.equal(replyIntent('نعم', 'cancel'), 'cancel');
  assert.equal(replyIntent('Cancel', 'confirm'), 'confirm');
  assert.equal(replyIntent(null, ' CONFIRM '), 'confirm');
  assert.equal(replyIntent(null, 'Unsubscribe'), null);
  assert.equal(replyIntent('إلغاء', 'cancel-button'), 'cancel', 'an unknown payload falls back to the label');
  assert.equal(replyIntent(null, null), null);
});

test('replies that mean yes', () => {
  const yes = [
    'نعم', 'ايوه', 'أيوه', 'اي', 'إي', 'تمام', 'اكيد', 'أكيد', 'موافق', 'أكد', 'اكد', 'تأكيد',
    'yes', 'Y', 'ok', 'OK', 'Okay', 'sure', 'Confirm', 'yep', '  yes  ', 'Yes!', 'yes.', 'Yes!!! 😊',
    '👍', '👍🏽', 'تمام 👍', '✅', 'نَعَم', 'أكِيد', 'تمـــام', 'نعممم', 'yesss', 'ايوا', 'اوكي',
    '1', '١', '۱', '1️⃣', ' 1 ', 'نعم، أكيد', 'yes please', 'ok thanks', 'تمام شكرا', 'confirm my order',
    'أكد الطلب', 'نعم لو سمحت', '\u200Fنعم\u200F', 'ＹＥＳ',
  ];
  for (const t of yes) assert.equal(replyIntent(t, null), 'confirm', JSON.stringify(t));
});

test('replies that mean no', () => {
  const no = [
    'لا', 'لأ', 'لاااا', 'إلغاء', 'الغاء', 'ألغي', 'الغي', 'ألغِ', 'مش عايز', 'مش عايزة', 'ما ابي', 'ماابي', 'ما أبي',
    'no', 'N', 'cancel', 'Nope', 'No.', 'NO!!', 'nooo', '2', '٢', '2️⃣', 'لا شكرا', 'no thanks',
    'cancel my order', 'إلغاء الطلب', 'لا، الغي', 'مش موافق', 'مو موافق',
  ];
  for (const t of no) assert.equal(replyIntent(t, null), 'cancel', JSON.stringify(t));
});

test('anything else is left to a person, especially sentences that merely contain "no"', () => {
  const unclear = [
    'no problem, I confirm', 'no problem', 'No worries', 'not now', 'yes no', 'نعم لا', 'ok cancel', '1 2', '12', '11', '3', '0',
    'لا تلغي', 'لا تلغي الطلب', 'لا مشكلة', 'ما في مشكلة', 'مش مشكلة أكيد', 'ok?', 'نعم؟', 'is it ok', 'yes but change the address',
    'ممكن اغير العنوان', 'ايه', 'hello', 'شكرا', 'please', 'thanks', '', '   ', '👎', '🙏', '❤️', '?', 'nothing',
    'I said no yesterday but now yes', 'cancel? no', 'yes yes yes yes yes yes yes yes yes', 'x'.repeat(500),
  ];
  for (const t of unclear) assert.equal(replyIntent(t, null), null, JSON.stringify(t));
  assert.equal(replyIntent(null, null), null);
});

test('replyIntent never throws on odd input', () => {
  fc.assert(fc.property(fc.option(fc.string({ unit: 'grapheme' })), fc.option(fc.string()), (t, p) => void replyIntent(t, p)), { numRuns: 1000 });
  assert.equal(replyIntent(42 as unknown as string, {} as unknown as string), null);
});
