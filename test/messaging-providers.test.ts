import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { linkIn, messagesOf, mobile, place, saE164, sku, timelineTypes, waitFor } from './helpers.ts';
import { startTwilio, type TwilioStandIn } from './stand-ins/twilio.ts';
import { startWhatsAppStandIn, type WhatsAppStandIn } from './stand-ins/whatsapp.ts';
import { startSmtp, type SmtpStandIn } from './stand-ins/smtp.ts';

// The cascade through real providers' formats: Twilio for SMS, the WhatsApp Cloud API and
// SMTP, each a stand-in server on 127.0.0.1.
let s: TestServer;
let twilio: TwilioStandIn;
let wa: WhatsAppStandIn;
let smtp: SmtpStandIn;
const WA = { token: 'wa-access-token-123', phoneNumberId: '106540352242922', appSecret: 'wa-app-secret-456', verifyToken: 'wa-verify-token-789' };

before(async () => {
  [s, twilio, wa, smtp] = await Promise.all([
    startTestServer({ worker: true }),
    startTwilio({ accountSid: 'AC' + 'a'.repeat(32), authToken: 'twilio-auth-token-1' }),
    startWhatsAppStandIn({ token: WA.token, phoneNumberId: WA.phoneNumberId, approvedTemplates: ['wasl_order_confirmation'] }),
    startSmtp(),
  ]);
  const r = await s.api('PATCH', '/v1/store/settings', {
    verification: { steps: [{ channel: 'sms', after_seconds: 0 }, { channel: 'whatsapp', after_seconds: 3600 }, { channel: 'email', after_seconds: 3600 }, { channel: 'call', after_seconds: 3600 }] },
    messaging: {
      sms: { provider: 'twilio', base_url: twilio.url, account_sid: twilio.accountSid, auth_token: twilio.authToken, from: '+15005550006' },
      whatsapp: { base_url: wa.url, phone_number_id: WA.phoneNumberId, access_token: WA.token, app_secret: WA.appSecret, verify_token: WA.verifyToken },
      email: { smtp_url: `smtp://wasl:secret-pass@127.0.0.1:${smtp.port}`, from: 'orders@store.example' },
      retry: { attempts: 3, backoff_seconds: 0.2, timeout_seconds: 2 },
    },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
});
after(async () => {
  await s.stop();
  await Promise.all([twilio.close(), wa.close(), smtp.close()]);
});

const order = async (over: Record<string, unknown> = {}) => {
  const item = sku('PRV');
  await stock(s, item, 5);
  return place(s, orderBody({ customer: { name: 'Noura', phone: mobile(), email: `n${Math.random()}@example.com` }, lines: [{ sku: item, quantity: 1, unit_price: '50.00' }], ...over }));
};
const getOrder = async (id: string) => (await s.api('GET', `/v1/orders/${id}`)).body;
const message = (orderId: string, channel: string, status?: string) =>
  waitFor(`${channel} message${status ? ` ${status}` : ''}`, async () => (await messagesOf(s, orderId)).find((m) => m.channel === channel && (!status || m.status === status)));
const postWhatsApp = (body: object, signature?: string) => {
  const text = JSON.stringify(body);
  return fetch(`${s.url}/v1/webhooks/whatsapp/${s.storeId}`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature ?? wa.sign(WA.appSecret, text) }, body: text,
  });
};

test('settings: secrets are never read back, and a provider half set up is refused', async () => {
  const store = await s.api('GET', '/v1/store');
  const m = store.body.settings.messaging;
  assert.equal(m.sms.auth_token_set, true);
  assert.equal(m.sms.auth_token, undefined);
  assert.equal(m.whatsapp.access_token_set, true);
  assert.equal(m.email.smtp_url_set, true);
  assert.doesNotMatch(JSON.stringify(store.body), /secret-pass|twilio-auth-token-1|wa-app-secret/);
  const half = await s.api('PATCH', '/v1/store/settings', { messaging: { sms: null } });
  assert.equal(half.status, 200);
  const bad = await s.api('PATCH', '/v1/store/settings', { messaging: { sms: { provider: 'unifonic' } } });
  assert.equal(bad.status, 422);
  assert.ok(bad.body.error.details.some((d: any) => d.path === 'messaging.sms.app_sid'));
  const back = await s.api('PATCH', '/v1/store/settings', {
    messaging: { sms: { provider: 'twilio', base_url: twilio.url, account_sid: twilio.accountSid, auth_token: twilio.authToken, from: '+15005550006' } },
  });
  assert.equal(back.status, 200);
});

test('SMS goes out through Twilio with the link; signed status callbacks move it forward, forged ones are refused', async () => {
  const o = await order();
  const sms = await message(o.id, 'sms', 'sent');
  const sent = twilio.messages.find((m) => m.body === sms.body);
  assert.ok(sent, 'Twilio received the SMS');
  assert.equal(sent.to, o.customer.phone_e164);
  assert.match(sent.body, /\/c\/[A-Za-z0-9_-]{32}/);
  assert.equal(sms.provider_message_id, sent.sid);
  const callback = sent.status_callback!;
  assert.equal(callback, `${s.url}/v1/webhooks/sms/twilio/${s.storeId}`);

  const forged = await twilio.postStatus(callback, 'not-the-token', { MessageSid: sent.sid, MessageStatus: 'delivered', AccountSid: twilio.accountSid });
  assert.equal(forged.status, 401);
  assert.equal((await message(o.id, 'sms')).status, 'sent');
  const ok = await twilio.postStatus(callback, twilio.authToken, { MessageSid: sent.sid, MessageStatus: 'delivered', AccountSid: twilio.accountSid });
  assert.equal(ok.status, 200);
  assert.equal((await message(o.id, 'sms')).status, 'delivered');
  // A late "sent" does not undo "delivered"; an unknown SID is ignored, not an error.
  assert.equal((await twilio.postStatus(callback, twilio.authToken, { MessageSid: sent.sid, MessageStatus: 'sent' })).status, 200);
  assert.equal((await message(o.id, 'sms')).status, 'delivered');
  assert.equal((await twilio.postStatus(callback, twilio.authToken, { MessageSid: 'SM' + 'f'.repeat(32), MessageStatus: 'delivered' })).status, 200);
  const types = await timelineTypes(s, o.id);
  assert.ok(types.includes('message.delivered'));
});

test('a provider that errors is retried with backoff and the message is sent once', async () => {
  twilio.failNext(2, 503);
  const before = twilio.requests.length;
  const o = await order();
  const sms = await message(o.id, 'sms', 'sent');
  assert.equal(sms.attempts, 3);
  assert.equal(twilio.requests.length - before, 3);
  assert.equal(twilio.messages.filter((m) => m.body === sms.body).length, 1);
});

test('an SMS that cannot be sent moves the cascade to WhatsApp at once; a WhatsApp button reply confirms', async () => {
  twilio.failNext(1, 400); // Twilio refuses for good (e.g. a number it cannot reach): no retry
  const o = await order();
  const failed = await message(o.id, 'sms', 'failed');
  assert.equal(failed.attempts, 1);
  const wam = await message(o.id, 'whatsapp', 'sent'); // its own delay is an hour
  const request = wa.accepted.find((a) => a.wamid === wam.provider_message_id);
  assert.ok(request, 'the Cloud API received the template');
  assert.equal(request.body.type, 'template');
  assert.equal(request.body.template.name, 'wasl_order_confirmation');
  assert.equal(request.body.template.language.code, 'ar');
  assert.equal(request.body.to, o.customer.phone_e164.slice(1));
  const buttons = request.body.template.components.filter((c: any) => c.type === 'button').map((c: any) => c.parameters[0].payload);
  assert.deepEqual(buttons, ['confirm', 'cancel']);

  // Statuses arrive out of order and twice: they only move forward.
  for (const status of ['delivered', 'read', 'delivered', 'sent'] as const) {
    const r = await postWhatsApp(wa.webhookBody('status', { wamid: wam.provider_message_id, status, recipient: request.body.to }));
    assert.equal(r.status, 200);
  }
  assert.equal((await message(o.id, 'whatsapp')).status, 'read');

  const forged = await postWhatsApp(wa.webhookBody('button', { from: request.body.to, contextId: wam.provider_message_id, payload: 'confirm' }), 'sha256=' + '0'.repeat(64));
  assert.equal(forged.status, 401);
  assert.equal((await getOrder(o.id)).status, 'pending');

  const reply = wa.webhookBody('button', { from: request.body.to, contextId: wam.provider_message_id, payload: 'confirm', text: 'تأكيد', wamid: 'wamid.reply-' + o.id });
  assert.equal((await postWhatsApp(reply)).status, 200);
  assert.equal((await postWhatsApp(reply)).status, 200); // Meta redelivers
  const confirmed = await waitFor('the order confirmed', async () => ((await getOrder(o.id)).status === 'confirmed' ? getOrder(o.id) : null));
  assert.equal(confirmed.verification.status, 'confirmed');
  assert.equal(confirmed.verification.via, 'whatsapp_reply');
  const types = await timelineTypes(s, o.id);
  assert.equal(types.filter((t) => t === 'message.replied').length, 1, 'a redelivered reply counts once');
});

test('a plain "نعم" on WhatsApp with no context confirms the sender\'s order awaiting confirmation', async () => {
  const phone = mobile();
  const o = await order({ customer: { name: 'Fahad', phone } });
  await message(o.id, 'sms', 'sent');
  const r = await postWhatsApp(wa.webhookBody('text', { from: saE164(phone).slice(1), text: 'نعم' }));
  assert.equal(r.status, 200);
  await waitFor('confirmed by text', async () => (await getOrder(o.id)).status === 'confirmed');
  // A number we never wrote to changes nothing and is not an error.
  assert.equal((await postWhatsApp(wa.webhookBody('text', { from: '966559999999', text: 'yes' }))).status, 200);
});

test('WhatsApp subscription handshake: the right verify token gets the challenge, a wrong one 403', async () => {
  const ok = await fetch(`${s.url}/v1/webhooks/whatsapp/${s.storeId}?hub.mode=subscribe&hub.verify_token=${WA.verifyToken}&hub.challenge=1158201444`);
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), '1158201444');
  const bad = await fetch(`${s.url}/v1/webhooks/whatsapp/${s.storeId}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444`);
  assert.equal(bad.status, 403);
});

test('the email goes out over SMTP without a confirm link; a new number there restarts the cascade on it', async () => {
  const patch = (steps: object[]) => s.api('PATCH', '/v1/store/settings', { verification: { steps } });
  await patch([{ channel: 'email', after_seconds: 0 }, { channel: 'sms', after_seconds: 3600 }]);
  try {
    const o = await order();
    const mail = await waitFor('the email at the SMTP server', async () => smtp.messages.find((m) => m.to.includes(o.customer.email)));
    assert.equal(mail.envelope.to[0], o.customer.email);
    assert.match(mail.subject, /[\u0600-\u06FF]/, 'an Arabic subject, decoded intact');
    assert.match(mail.subject, new RegExp(String(o.number)));
    assert.ok(mail.html && /dir="rtl"/.test(mail.html));
    assert.equal(smtp.logins.at(-1)?.user, 'wasl');
    const link = linkIn(mail.text!);
    const page = await (await fetch(`${s.url}${link}`)).text();
    assert.doesNotMatch(page, /\/confirm"/);

    const wrong = await fetch(`${s.url}${link}/phone`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'phone=12' });
    assert.equal(wrong.status, 422);
    const fresh = mobile();
    const res = await fetch(`${s.url}${link}/phone`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ phone: fresh }).toString(),
    });
    assert.equal(res.status, 303);
    await patch([{ channel: 'email', after_seconds: 0 }, { channel: 'sms', after_seconds: 3600 }]);
    const changed = await getOrder(o.id);
    assert.equal(changed.customer.phone_e164, saE164(fresh));
    assert.equal(changed.verification.round, 2);
    const types = await timelineTypes(s, o.id);
    assert.ok(types.includes('order.phone_changed'));
    assert.ok(types.includes('verification.restarted'));
  } finally {
    await patch([{ channel: 'sms', after_seconds: 0 }, { channel: 'whatsapp', after_seconds: 3600 }, { channel: 'email', after_seconds: 3600 }, { channel: 'call', after_seconds: 3600 }]);
  }
});

test('SMS through Unifonic: the cascade SMS reaches its REST API with the sender and the link', async () => {
  const { startUnifonic } = await import('./stand-ins/unifonic.ts');
  const uni = await startUnifonic({ appSid: 'unifonic-app-sid-1' });
  const setSms = (sms: object) => s.api('PATCH', '/v1/store/settings', { messaging: { sms: null } }).then(() => s.api('PATCH', '/v1/store/settings', { messaging: { sms } }));
  try {
    const r = await setSms({ provider: 'unifonic', base_url: uni.url, app_sid: 'unifonic-app-sid-1', sender_id: 'MyStore' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.settings.messaging.sms.app_sid_set, true, 'the AppSid is a secret: never read back');
    const o = await order();
    const sms = await message(o.id, 'sms', 'sent');
    const got = uni.messages.find((m) => m.MessageID === sms.provider_message_id);
    assert.ok(got, `Unifonic accepted the SMS: ${JSON.stringify(uni.messages.at(-1))}`);
    assert.equal(got.Recipient, o.customer.phone_e164.slice(1));
    assert.equal(got.SenderID, 'MyStore');
    assert.equal(got.Body, sms.body);
    assert.match(got.Body, /\/c\/[A-Za-z0-9_-]{32}/);
  } finally {
    await setSms({ provider: 'twilio', base_url: twilio.url, account_sid: twilio.accountSid, auth_token: twilio.authToken, from: '+15005550006' });
    await uni.close();
  }
});
