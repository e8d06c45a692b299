import { test } from 'node:test';
import { createHmac } from 'node:crypto';
import { startTestServer, orderBody, stock } from './harness.ts';
import { linkIn, messagesOf, waitFor, mobile } from './helpers.ts';
test('probe', async () => {
  const s = await startTestServer({ worker: true });
  await s.api('PATCH', '/v1/store/settings', { verification: { steps: [{ channel: 'sms', after_seconds: 0 }, { channel: 'call', after_seconds: 3600 }] },
    messaging: { whatsapp: { base_url: 'http://127.0.0.1:9', phone_number_id: '123', access_token: 'tok-12345678', app_secret: 'appsecret-123', verify_token: 'verify-12345' } } });
  await stock(s, 'P', 100);
  const mk = async () => {
    const phone = mobile();
    const o = (await s.api('POST', '/v1/orders', orderBody({ customer: { name: 'x', phone }, lines: [{ sku: 'P', quantity: 1, unit_price: '99.50' }] }))).body;
    const [sms] = await waitFor('sms', async () => { const m = await messagesOf(s, o.id); return m.length ? m : null; });
    return { o, link: linkIn(sms.body), phone };
  };
  const cases: [string, string, string][] = [
    ['address', 'application/json', JSON.stringify({ line1: 5, city: 'x' })],
    ['address', 'application/json', JSON.stringify({ line1: 'a\u0000', city: 'x' })],
    ['address', 'application/json', JSON.stringify({ line1: 'a\ud800', city: 'x' })],
    ['address', 'application/x-www-form-urlencoded', 'line1=a%00b&city=x'],
    ['cancel', 'application/json', JSON.stringify({ reason: 42 })],
    ['cancel', 'application/json', JSON.stringify({ reason: ['a'] })],
    ['cancel', 'application/x-www-form-urlencoded', 'reason=a%00b'],
    ['cancel', 'application/json', JSON.stringify({ reason: 'a\ud800' })],
    ['phone', 'application/json', JSON.stringify({ phone: 559876543 })],
    ['phone', 'application/x-www-form-urlencoded', 'phone=055%0098'],
    ['window', 'application/json', JSON.stringify({ window: 5 })],
    ['confirm', 'application/json', JSON.stringify({ window: 5 })],
  ];
  for (const [act, ct, body] of cases) {
    const { o, link } = await mk();
    const r = await fetch(`${s.url}${link}/${act}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': ct }, body });
    console.log(act, ct, body, '→', r.status, (await r.text()).slice(0, 120));
  }
  const { o, phone } = await mk();
  const e164 = '966' + phone.slice(1);
  for (const [id, text] of [['wamid.a\u0000', 'نعم'], ['wamid.b', 'نعم\u0000'], ['wamid.c', 'yes\ud800'], ['wamid.d', 'hello\ud800']]) {
    const body = JSON.stringify({ entry: [{ changes: [{ field: 'messages', value: { messages: [{ id, from: e164, timestamp: '1750000000', type: 'text', text: { body: text } }] } }] }] });
    const r = await fetch(`${s.url}/v1/webhooks/whatsapp/${s.storeId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=' + createHmac('sha256', 'appsecret-123').update(body).digest('hex') }, body });
    console.log('wa', JSON.stringify(id), JSON.stringify(text), '→', r.status, (await r.text()).slice(0, 120));
  }
  await s.stop();
});
