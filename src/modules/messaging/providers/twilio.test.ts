import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTwilio, type TwilioStandIn } from '../../../../test/stand-ins/twilio.ts';
import { ProviderError, type OutgoingMessage, type TwilioSettings } from './provider.ts';
import { parseTwilioStatus, twilio, twilioSignature, verifyTwilioSignature } from './twilio.ts';
import { failure } from './test-helpers.ts';

const ARABIC = 'مرحبا أحمد، طلبك رقم ١٠٤٢ في الطريق إليك 🚚';

const settingsFor = (s: TwilioStandIn): TwilioSettings => ({
  provider: 'twilio',
  base_url: s.url,
  account_sid: s.accountSid,
  auth_token: s.authToken,
  from: '+15005550006',
});

const message = (extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: 'msg_01JTESTTWILIO',
  channel: 'sms',
  to: '+966501234567',
  body: ARABIC,
  ...extra,
});


test('sends a form-encoded message with basic auth and returns the SM sid', async (t) => {
  const s = await startTwilio();
  t.after(() => s.close());

  const result = await twilio.send(settingsFor(s), message(), { timeoutMs: 2000 });

  assert.equal(s.requests.length, 1);
  const req = s.requests[0];
  assert.equal(req.method, 'POST');
  assert.equal(req.path, `/2010-04-01/Accounts/${s.accountSid}/Messages.json`);
  assert.deepEqual(req.auth, { user: s.accountSid, pass: s.authToken });
  assert.match(req.contentType ?? '', /^application\/x-www-form-urlencoded/);
  assert.deepEqual(req.form, { To: '+966501234567', From: '+15005550006', Body: ARABIC });
  assert.match(result.providerMessageId ?? '', /^SM[0-9a-f]{32}$/);
  assert.equal(result.providerMessageId, s.messages[0].sid);
  assert.equal(s.messages[0].body, ARABIC, 'Arabic text and emoji arrive intact');
});

test('passes StatusCallback only when the message has one', async (t) => {
  const s = await startTwilio();
  t.after(() => s.close());
  const callback = 'http://127.0.0.1:9/hooks/twilio/status?store=st_1';

  await twilio.send(settingsFor(s), message({ statusCallbackUrl: callback }), { timeoutMs: 2000 });

  assert.equal(s.requests[0].form.StatusCallback, callback);
  assert.equal(s.messages[0].status_callback, callback);
});

test('a trailing slash on base_url does not change the path', async (t) => {
  const s = await startTwilio();
  t.after(() => s.close());
  await twilio.send({ ...settingsFor(s), base_url: `${s.url}/` }, message(), { timeoutMs: 2000 });
  assert.equal(s.requests[0].path, `/2010-04-01/Accounts/${s.accountSid}/Messages.json`);
});

test('wrong credentials are a 401 with code 20003, not retryable', async (t) => {
  const s = await startTwilio();
  t.after(() => s.close());

  const err = await failure(() => twilio.send({ ...settingsFor(s), auth_token: 'wrong' }, message(), { timeoutMs: 2000 }));

  assert.equal(err.retryable, false);
  assert.equal(err.code, '20003');
  assert.match(err.message, /401/);
  assert.doesNotMatch(err.message, /wrong/, 'the token does not leak into the error');
  assert.equal(s.messages.length, 0);
});

test("a 'To' that is not E.164 is refused with 21211, not retryable", async (t) => {
  const s = await startTwilio();
  t.after(() => s.close());

  const err = await failure(() => twilio.send(settingsFor(s), message({ to: '0501234567' }), { timeoutMs: 2000 }));

  assert.equal(err.retryable, false);
  assert.equal(err.code, '21211');
});

test('500 and 429 are retryable and carry Twilio’s code', async (t) => {
  const s = await startTwilio();
  t.after(() => s.close());
  s.failNext(1, 500);
  s.failNext(1, 429);

  const e500 = await failure(() => twilio.send(settingsFor(s), message(), { timeoutMs: 2000 }));
  const e429 = await failure(() => twilio.send(settingsFor(s), message(), { timeoutMs: 2000 }));
  const ok = await twilio.send(settingsFor(s), message(), { timeoutMs: 2000 });

  assert.deepEqual([e500.retryable, e500.code], [true, '20500']);
  assert.deepEqual([e429.retryable, e429.code], [true, '20429']);
  assert.ok(ok.providerMessageId, 'the stand-in recovers after the injected failures');
});

test('a server that never answers is a retryable timeout within timeoutMs', async (t) => {
  const s = await startTwilio();
  t.after(() => s.close());
  s.hangNext(1);

  const started = Date.now();
  const err = await failure(() => twilio.send(settingsFor(s), message(), { timeoutMs: 150 }));
  const elapsed = Date.now() - started;

  assert.equal(err.retryable, true);
  assert.equal(err.code, 'timeout');
  assert.ok(elapsed >= 140 && elapsed < 1000, `gave up after ${elapsed} ms`);
});

test('a refused connection is retryable', async () => {
  const s = await startTwilio();
  const settings = settingsFor(s);
  await s.close();

  const err = await failure(() => twilio.send(settings, message(), { timeoutMs: 2000 }));

  assert.equal(err.retryable, true);
  assert.equal(err.code, 'network');
  assert.match(err.message, /ECONNREFUSED/);
});

test('twilioSignature matches the worked example in Twilio’s webhook security docs', () => {
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+12349013030',
    Digits: '1234',
    From: '+12349013030',
    To: '+18005551212',
  };
  assert.equal(twilioSignature('12345', url, params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  assert.equal(verifyTwilioSignature('12345', url, params, '0/KCTR6DLpKmkAf8muzZqo1nDgQ='), true);
  assert.equal(verifyTwilioSignature('12345', url, { ...params, Digits: '9999' }, '0/KCTR6DLpKmkAf8muzZqo1nDgQ='), false);
  assert.equal(verifyTwilioSignature('12345', 'https://mycompany.com/myapp.php', params, '0/KCTR6DLpKmkAf8muzZqo1nDgQ='), false);
  assert.equal(verifyTwilioSignature('54321', url, params, '0/KCTR6DLpKmkAf8muzZqo1nDgQ='), false);
  assert.equal(verifyTwilioSignature('12345', url, params, '0/KCTR6DLpKmkAf8muzZqo1nDgQ'), false, 'one character short');
  assert.equal(verifyTwilioSignature('12345', url, params, undefined), false);
  assert.equal(verifyTwilioSignature('12345', url, params, ''), false);
});

test('a status callback posted by the stand-in verifies and parses', async (t) => {
  const s = await startTwilio();
  t.after(() => s.close());
  const received: { url: string; signature: string | undefined; params: Record<string, string> }[] = [];
  const hook = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      received.push({
        url: req.url ?? '',
        signature: req.headers['x-twilio-signature'] as string | undefined,
        params: Object.fromEntries(new URLSearchParams(raw)),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => hook.close(() => resolve())));
  const callbackUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/twilio/status?store=st_1`;

  const { providerMessageId } = await twilio.send(settingsFor(s), message({ statusCallbackUrl: callbackUrl }), { timeoutMs: 2000 });
  const delivered = await s.postStatus(s.messages[0].status_callback!, s.authToken, { MessageSid: providerMessageId!, MessageStatus: 'delivered' });
  await s.postStatus(callbackUrl, s.authToken, { MessageSid: providerMessageId!, MessageStatus: 'undelivered', ErrorCode: '30003' });
  await s.postStatus(callbackUrl, 'not-the-token', { MessageSid: providerMessageId!, MessageStatus: 'read' });

  assert.equal(delivered.status, 204);
  assert.equal(received.length, 3);
  const [first, second, forged] = received;
  // The receiver signs over the URL Twilio was given, query string included.
  assert.equal(verifyTwilioSignature(s.authToken, callbackUrl, first.params, first.signature), true);
  assert.equal(first.params.AccountSid, s.accountSid);
  assert.equal(first.params.To, '+966501234567');
  assert.deepEqual(parseTwilioStatus(first.params), { providerMessageId, status: 'delivered' });

  assert.equal(verifyTwilioSignature(s.authToken, callbackUrl, second.params, second.signature), true);
  assert.deepEqual(parseTwilioStatus(second.params), { providerMessageId, status: 'failed', errorCode: '30003' });

  assert.equal(verifyTwilioSignature(s.authToken, callbackUrl, forged.params, forged.signature), false);
  assert.equal(verifyTwilioSignature(s.authToken, callbackUrl, { ...first.params, MessageStatus: 'failed' }, first.signature), false);
});

test('parseTwilioStatus maps every Twilio MessageStatus we track and ignores the rest', () => {
  const expected: Record<string, string | null> = {
    accepted: 'queued',
    scheduled: 'queued',
    queued: 'queued',
    sending: 'queued',
    sent: 'sent',
    delivered: 'delivered',
    read: 'read',
    undelivered: 'failed',
    failed: 'failed',
    canceled: 'failed',
    receiving: null,
    received: null,
    something_new: null,
  };
  for (const [status, want] of Object.entries(expected)) {
    const got = parseTwilioStatus({ MessageSid: 'SM0123', MessageStatus: status });
    assert.equal(got?.status ?? null, want, status);
  }
  assert.equal(parseTwilioStatus({ MessageStatus: 'delivered' }), null, 'no MessageSid');
  assert.equal(parseTwilioStatus({ MessageSid: 'SM0123', MessageStatus: 'delivered', ErrorCode: '' })?.errorCode, undefined);
});
