import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWhatsAppStandIn } from '../../../../test/stand-ins/whatsapp.ts';
import { ProviderError, type OutgoingMessage, type WhatsAppSettings } from './provider.ts';
import { whatsapp } from './whatsapp.ts';

const TOKEN = 'EAAG-test-token';
const PHONE_ID = '106540352242922';
const standIn = await startWhatsAppStandIn({
  token: TOKEN,
  phoneNumberId: PHONE_ID,
  approvedTemplates: ['order_confirmation', 'shipping_update'],
});
after(() => standIn.close());

const settings = (over: Partial<WhatsAppSettings> = {}): WhatsAppSettings => ({
  base_url: standIn.url,
  phone_number_id: PHONE_ID,
  access_token: TOKEN,
  app_secret: 'app-secret',
  verify_token: 'verify-me',
  ...over,
});

const msg = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: 'msg_01',
  channel: 'whatsapp',
  to: '+966501234567',
  body: 'طلبك رقم WSL-1042 بقيمة ٢٥٠ ر.س — رد بـ 1 للتأكيد أو 2 للإلغاء 🙏',
  ...over,
});

const opts = { timeoutMs: 2000 };

/** Runs a send that must fail and checks how the failure is classified. */
async function failure(p: Promise<unknown>, retryable: boolean, code: string): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ProviderError, `not a ProviderError: ${e}`);
    assert.equal(e.code, code, e.message);
    assert.equal(e.retryable, retryable, `${e.code}: ${e.message}`);
    assert.ok(!e.message.includes(TOKEN), 'the access token must never reach an error message');
    return e;
  }
  assert.fail('expected the send to fail');
}

test('a template message goes out exactly as Meta documents it, Arabic intact', async () => {
  const before = standIn.requests.length;
  const res = await whatsapp.send(
    settings(),
    msg({
      whatsappTemplate: {
        name: 'order_confirmation',
        language: 'ar',
        bodyParams: ['أحمد', 'WSL-1042', '٢٥٠ ر.س'],
        quickReplies: ['confirm', 'cancel'],
      },
    }),
    opts,
  );
  assert.deepEqual(standIn.requests.slice(before), [
    {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '966501234567',
      type: 'template',
      template: {
        name: 'order_confirmation',
        language: { code: 'ar' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'أحمد' },
              { type: 'text', text: 'WSL-1042' },
              { type: 'text', text: '٢٥٠ ر.س' },
            ],
          },
          { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'confirm' }] },
          { type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: 'cancel' }] },
        ],
      },
    },
  ]);
  assert.match(res.providerMessageId ?? '', /^wamid\./);
  assert.equal(res.providerMessageId, standIn.accepted.at(-1)?.wamid);
});

test('a text message goes out with preview_url and the body byte for byte', async () => {
  const before = standIn.requests.length;
  const res = await whatsapp.send(settings({ api_version: 'v23.0' }), msg({ to: '+20 100 123 4567' }), opts);
  assert.deepEqual(standIn.requests.slice(before), [
    {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '201001234567',
      type: 'text',
      text: { body: 'طلبك رقم WSL-1042 بقيمة ٢٥٠ ر.س — رد بـ 1 للتأكيد أو 2 للإلغاء 🙏', preview_url: true },
    },
  ]);
  assert.equal(res.providerMessageId, standIn.accepted.at(-1)?.wamid);
});

test('a template without variables or buttons sends no empty body component', async () => {
  const before = standIn.requests.length;
  await whatsapp.send(settings(), msg({ whatsappTemplate: { name: 'shipping_update', language: 'en_US', bodyParams: [] } }), opts);
  assert.deepEqual(standIn.requests[before].template, { name: 'shipping_update', language: { code: 'en_US' }, components: [] });
});

test('a base_url with a trailing slash still reaches the endpoint', async () => {
  const res = await whatsapp.send(settings({ base_url: `${standIn.url}/` }), msg(), opts);
  assert.match(res.providerMessageId ?? '', /^wamid\./);
});

test('a bad access token is permanent (code 190)', async () => {
  await failure(whatsapp.send(settings({ access_token: 'wrong' }), msg(), opts), false, '190');
});

test('a phone_number_id the token cannot see is permanent (code 100)', async () => {
  await failure(whatsapp.send(settings({ phone_number_id: '999' }), msg(), opts), false, '100');
});

test('a template Meta has not approved is permanent (code 132001)', async () => {
  const e = await failure(
    whatsapp.send(settings(), msg({ whatsappTemplate: { name: 'not_approved', language: 'ar', bodyParams: ['x'] } }), opts),
    false,
    '132001',
  );
  assert.match(e.message, /does not exist/);
});

test('a request Meta would refuse as malformed is permanent (code 100)', async () => {
  const e = await failure(
    whatsapp.send(settings(), msg({ whatsappTemplate: { name: 'order_confirmation', language: 'Arabic', bodyParams: ['x'] } }), opts),
    false,
    '100',
  );
  assert.match(e.message, /language/);
});

test('a recipient with no digits fails before anything is sent', async () => {
  const before = standIn.requests.length;
  await failure(whatsapp.send(settings(), msg({ to: 'not a number' }), opts), false, 'invalid_recipient');
  assert.equal(standIn.requests.length, before);
});

test('server errors and throttling are retryable; refusals are not', async () => {
  const cases: Array<[status: number, code: number | undefined, retryable: boolean, expected: string]> = [
    [500, undefined, true, '2'],
    [503, 131016, true, '131016'],
    [429, undefined, true, '130429'],
    [400, 130429, true, '130429'], // Graph reports throughput limits as 400
    [400, 131048, true, '131048'],
    [400, 131056, true, '131056'],
    [400, 131026, false, '131026'],
    [403, 10, false, '10'],
    [401, 190, false, '190'],
  ];
  for (const [status, code, retryable, expected] of cases) {
    standIn.failNext(1, status, code);
    await failure(whatsapp.send(settings(), msg(), opts), retryable, expected);
  }
});

test('a Graph API that never answers is a retryable timeout, within timeoutMs', async () => {
  standIn.stallNext(1);
  const started = Date.now();
  await failure(whatsapp.send(settings(), msg(), { timeoutMs: 150 }), true, 'timeout');
  const took = Date.now() - started;
  assert.ok(took >= 140 && took < 1500, `gave up after ${took} ms`);
});

test('a refused connection is retryable', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  const e = await failure(whatsapp.send(settings({ base_url: `http://127.0.0.1:${port}` }), msg(), opts), true, 'network');
  assert.match(e.message, /ECONNREFUSED/);
});

/** A throwaway local server answering every request with one fixed reply. */
async function withServer(status: number, headers: Record<string, string>, body: string, fn: (url: string) => Promise<unknown>) {
  const server = createServer((_req, res) => void res.writeHead(status, headers).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

test('an error body that is not JSON is classified by status alone', async () => {
  await withServer(502, { 'content-type': 'text/html' }, '<html>Bad Gateway</html>', (url) =>
    failure(whatsapp.send(settings({ base_url: url }), msg(), opts), true, 'http_502'),
  );
});

test('a redirect is not followed, so the token never goes elsewhere', async () => {
  const before = standIn.requests.length;
  await withServer(307, { location: `${standIn.url}/v21.0/${PHONE_ID}/messages` }, '', (url) =>
    failure(whatsapp.send(settings({ base_url: url }), msg(), opts), false, 'http_307'),
  );
  assert.equal(standIn.requests.length, before);
});
