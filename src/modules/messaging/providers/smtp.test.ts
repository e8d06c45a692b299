import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startSmtp } from '../../../../test/stand-ins/smtp.ts';
import { ProviderError, type EmailSettings, type OutgoingMessage } from './provider.ts';
import { closeSmtpTransports, smtp } from './smtp.ts';
import { failure } from './test-helpers.ts';

after(() => closeSmtpTransports());

const SUBJECT = 'تأكيد طلبك رقم ١٠٤٢ من متجر وصل — شكراً لك على ثقتك بنا 🌙';
const TEXT = 'مرحبا أحمد،\nتم تأكيد طلبك وسيصلك خلال يومين. الدفع عند الاستلام: ١٥٠ ر.س\n';
const HTML = '<p dir="rtl">مرحبا <b>أحمد</b>، تم تأكيد طلبك.</p>';

const message = (extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: 'msg_01JTESTSMTP',
  channel: 'email',
  to: 'ahmed@example.com',
  subject: SUBJECT,
  body: TEXT,
  html: HTML,
  ...extra,
});

/** smtp://user:pass@127.0.0.1:port with credentials that need URL escaping. */
const withLogin = (url: string) => url.replace('smtp://', 'smtp://orders%40store.example:p%40ss%3Aword@');


test('delivers an Arabic subject, text and html part over plain SMTP with login', async (t) => {
  const s = await startSmtp();
  t.after(() => s.close());
  const settings: EmailSettings = { smtp_url: withLogin(s.url), from: '"متجر وصل" <orders@store.example>' };

  const result = await smtp.send(settings, message(), { timeoutMs: 3000 });

  assert.deepEqual(
    s.logins.map(({ user, pass }) => ({ user, pass })),
    [{ user: 'orders@store.example', pass: 'p@ss:word' }],
  );
  assert.equal(s.messages.length, 1);
  const mail = s.messages[0];
  assert.deepEqual(mail.envelope, { from: 'orders@store.example', to: ['ahmed@example.com'] });
  assert.equal(mail.subject, SUBJECT);
  assert.equal(mail.text?.replace(/\r\n/g, '\n'), TEXT);
  assert.equal(mail.html, HTML);
  assert.match(mail.from, /متجر وصل.*<orders@store\.example>/);
  assert.equal(mail.to, 'ahmed@example.com');
  assert.match(mail.headers['content-type'], /^multipart\/alternative/);
  // The Message-ID is ours, so a retried send carries the same one.
  assert.equal(result.providerMessageId, '<msg_01JTESTSMTP@store.example>');
  assert.equal(mail.messageId, result.providerMessageId);
});

test('a message without html is a single text part; without credentials there is no login', async (t) => {
  const s = await startSmtp();
  t.after(() => s.close());

  await smtp.send({ smtp_url: s.url, from: 'orders@store.example' }, message({ html: undefined }), { timeoutMs: 3000 });

  assert.equal(s.logins.length, 0);
  assert.equal(s.messages[0].html, null);
  assert.equal(s.messages[0].text?.replace(/\r\n/g, '\n'), TEXT);
});

test('sends to the same server reuse one pooled connection', async (t) => {
  const s = await startSmtp();
  t.after(() => s.close());
  const settings = { smtp_url: withLogin(s.url), from: 'orders@store.example' };

  for (let i = 0; i < 3; i++) await smtp.send(settings, message({ id: `msg_${i}` }), { timeoutMs: 3000 });

  assert.equal(s.messages.length, 3);
  assert.equal(s.connections(), 1);
  assert.equal(s.logins.length, 1);
});

test('550 mailbox unavailable is permanent: not retryable', async (t) => {
  const s = await startSmtp();
  t.after(() => s.close());
  s.failNext(1, 550, 'rcpt');

  const err = await failure(() => smtp.send({ smtp_url: s.url, from: 'orders@store.example' }, message(), { timeoutMs: 3000 }));

  assert.equal(err.retryable, false);
  assert.equal(err.code, '550');
  assert.equal(s.messages.length, 0);
});

test('554 after DATA is not retryable, 451 after DATA is', async (t) => {
  const s = await startSmtp();
  t.after(() => s.close());
  const settings = { smtp_url: s.url, from: 'orders@store.example' };
  s.failNext(1, 554);
  s.failNext(1, 451);

  const e554 = await failure(() => smtp.send(settings, message(), { timeoutMs: 3000 }));
  const e451 = await failure(() => smtp.send(settings, message(), { timeoutMs: 3000 }));
  await smtp.send(settings, message(), { timeoutMs: 3000 });

  assert.deepEqual([e554.retryable, e554.code], [false, '554']);
  assert.deepEqual([e451.retryable, e451.code], [true, '451']);
  assert.equal(s.messages.length, 1, 'the pool recovers and the third send goes through');
});

test('a stopped server is retryable', async () => {
  const s = await startSmtp();
  await s.close();

  const err = await failure(() => smtp.send({ smtp_url: s.url, from: 'orders@store.example' }, message(), { timeoutMs: 3000 }));

  assert.equal(err.retryable, true);
  assert.equal(err.code, 'ECONNREFUSED');
});

test('a server that never greets is a retryable timeout within timeoutMs', async (t) => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => silent.close(() => resolve()));
  });
  const url = `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`;

  const started = Date.now();
  const err = await failure(() => smtp.send({ smtp_url: url, from: 'orders@store.example' }, message(), { timeoutMs: 200 }));
  const elapsed = Date.now() - started;

  assert.equal(err.retryable, true);
  assert.equal(err.code, 'timeout');
  assert.ok(elapsed >= 190 && elapsed < 1500, `gave up after ${elapsed} ms`);
});

test('an smtp_url that is not smtp:// or smtps:// is a settings error, not retryable', async () => {
  for (const smtp_url of ['http://127.0.0.1:25', 'not a url']) {
    const err = await failure(() => smtp.send({ smtp_url, from: 'orders@store.example' }, message(), { timeoutMs: 1000 }));
    assert.deepEqual([err.retryable, err.code], [false, 'invalid_settings']);
  }
});
