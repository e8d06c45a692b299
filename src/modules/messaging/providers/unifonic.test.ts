import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startUnifonic, type UnifonicStandIn } from '../../../../test/stand-ins/unifonic.ts';
import { ProviderError, type OutgoingMessage, type UnifonicSettings } from './provider.ts';
import { unifonic } from './unifonic.ts';
import { failure } from './test-helpers.ts';

const ARABIC = 'تم تأكيد طلبك رقم ١٠٤٢ — الدفع عند الاستلام ✅';

const settingsFor = (s: UnifonicStandIn): UnifonicSettings => ({
  provider: 'unifonic',
  base_url: s.url,
  app_sid: s.appSid,
  sender_id: 'WaslStore',
});

const message = (extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: 'msg_01JTESTUNIFONIC',
  channel: 'sms',
  to: '+966501234567',
  body: ARABIC,
  ...extra,
});


test('posts AppSid, SenderID, Body and the number without "+", and returns MessageID', async (t) => {
  const s = await startUnifonic();
  t.after(() => s.close());

  const result = await unifonic.send(settingsFor(s), message(), { timeoutMs: 2000 });

  assert.equal(s.requests.length, 1);
  const req = s.requests[0];
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/rest/SMS/messages');
  assert.match(req.contentType ?? '', /^application\/x-www-form-urlencoded/);
  assert.deepEqual(req.params, {
    AppSid: s.appSid,
    SenderID: 'WaslStore',
    Body: ARABIC,
    Recipient: '966501234567',
    responseType: 'JSON',
    CorrelationID: 'msg_01JTESTUNIFONIC',
  });
  assert.equal(s.messages[0].Body, ARABIC, 'Arabic text and emoji arrive intact');
  // Beyond 2^53: read from the raw JSON, not through a double.
  assert.equal(result.providerMessageId, s.messages[0].MessageID);
  assert.equal(result.providerMessageId, '9007199254740993');
});

test('a wrong AppSid is a 401, not retryable', async (t) => {
  const s = await startUnifonic();
  t.after(() => s.close());

  const err = await failure(() => unifonic.send({ ...settingsFor(s), app_sid: 'nope' }, message(), { timeoutMs: 2000 }));

  assert.equal(err.retryable, false);
  assert.equal(err.code, '401');
  assert.match(err.message, /Authentication failed/);
  assert.equal(s.messages.length, 0);
});

test('a refused message (HTTP 200, success "false", ER code) is not retryable and keeps the ER code', async (t) => {
  const s = await startUnifonic();
  t.after(() => s.close());

  const err = await failure(() => unifonic.send(settingsFor(s), message({ to: '+9661234' }), { timeoutMs: 2000 }));

  assert.equal(err.retryable, false);
  assert.equal(err.code, 'ER-04');
  assert.match(err.message, /too short/);
});

test('a number that is not E.164 is refused before any request', async (t) => {
  const s = await startUnifonic();
  t.after(() => s.close());

  const err = await failure(() => unifonic.send(settingsFor(s), message({ to: '0501234567' }), { timeoutMs: 2000 }));

  assert.equal(err.retryable, false);
  assert.equal(err.code, 'invalid_recipient');
  assert.equal(s.requests.length, 0);
});

test('500, 599 and 429 are retryable', async (t) => {
  const s = await startUnifonic();
  t.after(() => s.close());
  s.failNext(1, 500);
  s.failNext(1, 599);
  s.failNext(1, 429);

  for (const status of ['500', '599', '429']) {
    const err = await failure(() => unifonic.send(settingsFor(s), message(), { timeoutMs: 2000 }));
    assert.deepEqual([err.retryable, err.code], [true, status]);
  }
  const ok = await unifonic.send(settingsFor(s), message(), { timeoutMs: 2000 });
  assert.ok(ok.providerMessageId);
});

test('a server that never answers is a retryable timeout within timeoutMs', async (t) => {
  const s = await startUnifonic();
  t.after(() => s.close());
  s.hangNext(1);

  const started = Date.now();
  const err = await failure(() => unifonic.send(settingsFor(s), message(), { timeoutMs: 150 }));
  const elapsed = Date.now() - started;

  assert.equal(err.retryable, true);
  assert.equal(err.code, 'timeout');
  assert.ok(elapsed >= 140 && elapsed < 1000, `gave up after ${elapsed} ms`);
});

test('a refused connection is retryable', async () => {
  const s = await startUnifonic();
  const settings = settingsFor(s);
  await s.close();

  const err = await failure(() => unifonic.send(settings, message(), { timeoutMs: 2000 }));

  assert.equal(err.retryable, true);
  assert.equal(err.code, 'network');
});
