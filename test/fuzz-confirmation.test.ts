import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { CALL_OUTCOMES, callBody } from '../src/modules/verification/call-queue.ts';
import { resetLimits } from '../src/modules/verification/page-limits.ts';
import { TEMPLATE_KEYS } from '../src/modules/messaging/store-templates.ts';
import { dbLabel, orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { linkIn, mobile, saE164, waitFor } from './helpers.ts';
import { startTwilio, type TwilioStandIn } from './stand-ins/twilio.ts';
import { startWhatsAppStandIn, whatsappWebhookBody, type WhatsAppStandIn } from './stand-ins/whatsapp.ts';

/**
 * Fuzzing the confirmation side (API.md "Confirmation", "Messaging providers"): the call log,
 * message templates, the messaging/verification/delivery settings, the customer's page actions
 * and the providers' webhooks. For every request:
 *   - never 5xx; every JSON 4xx has the error shape, each detail naming a `path`;
 *   - a refused request changes nothing (the order, its verification, its call-queue entry,
 *     its timeline and messages; the templates; the store);
 *   - HTML answers never carry a stack trace;
 *   - webhooks without a valid signature are always 401 (or 415 when the Content-Type header is
 *     not a media type at all: Fastify turns those away before any route), and change nothing.
 * Orders used as targets sit in the call queue (steps: SMS at once, then the call queue at once),
 * where nothing moves on its own; an accepted request uses one up and the next is taken. The
 * page's per-address limiter is reset before each request to /c/ (it would turn this client
 * away after 300).
 * The seed is fixed (FUZZ_SEED overrides it); FUZZ_RUNS scales the number of runs; FUZZ_STATS=1
 * prints how many requests got which answer (to see that the generators reach past validation).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const fcOptions = (numRuns: number) => ({ numRuns, seed: SEED, endOnFailure: false });
const SKU = 'FZCONF';
const WA = { token: 'wa-fuzz-access-token', phoneNumberId: '106540352242922', appSecret: 'wa-fuzz-app-secret-0123', verifyToken: 'wa-fuzz-verify-token' };
const SECRET_KEY = /(token|secret|password|smtp_url|app_sid)$/;

// ---------------------------------------------------------------------------------------------
// Values

/** Raw bytes sent as they are (not JSON-encoded). */
class Bytes {
  constructor(readonly bytes: Uint8Array) {}
  toString() {
    return `Bytes(${Buffer.from(this.bytes).toString('hex').slice(0, 120)})`;
  }
}
/** A moment relative to when the request is sent (serialised as an ISO string then). */
class Later {
  constructor(readonly ms: number) {}
  toJSON() {
    return new Date(Date.now() + this.ms).toISOString();
  }
  toString() {
    return `Later(${this.ms} ms)`;
  }
}
const REMOVE = Symbol('remove');

const serialize = (value: unknown) => JSON.stringify(value) ?? 'null';
/** Bytes as they are; anything else as JSON (a string too: `"abc"`, not `abc`). */
const toBytes = (value: unknown): Buffer => (value instanceof Bytes ? Buffer.from(value.bytes) : Buffer.from(serialize(value), 'utf8'));
/** Text sent as it is (a form body, say). */
const rawText = (text: string) => new Bytes(Buffer.from(text, 'utf8'));
const short = (s: string, n = 500) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

const nastyChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff', '\udc00') },
  { weight: 3, arbitrary: fc.constantFrom('\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069', '\u061c') },
  { weight: 3, arbitrary: fc.constantFrom('٠', '١', '٥', '٩', '۵', '٫') },
  { weight: 2, arbitrary: fc.constantFrom('\ufeff', '\u200b', '\u00a0', '\u2028', '\t', '\n', '\r', '\\', '"', "'", '%', '&', '=', '+', '<', '>', '{', '}', '|', '\u0001', '\u007f') },
  { weight: 2, arbitrary: fc.constantFrom('0', '5', '9', '-', ':', '.', ' ', 'a', 'Z', 'ش', '😀', '\u{10FFFF}', '\ufffd') },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const nastyString = fc.string({ unit: nastyChar, maxLength: 30 });
const longString = fc.constantFrom('x'.repeat(10_001), 'ش'.repeat(50_000), '\u200f'.repeat(3_000), '\u0000'.repeat(1_000), '{{link}}'.repeat(2_000));
const absurdNumber = fc.constantFrom(1e308, -1e308, 5e-324, -1, 0, -0, 0.5, 1.5, 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 8.64e15, -8.64e15, 1e21);
const absurd: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: absurdNumber },
  { weight: 5, arbitrary: nastyString },
  { weight: 1, arbitrary: longString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, {}, [], [null], { __proto__: null }, 'null', '', ' ', 'undefined', '[object Object]') },
  { weight: 2, arbitrary: fc.jsonValue({ stringUnit: nastyChar, maxDepth: 3 }) },
);
const anyJson: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: nastyChar }), fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 }));
const randomBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2_000 }).map((b) => new Bytes(b)),
  fc.string({ unit: 'binary', maxLength: 300 }).map((t) => new Bytes(Buffer.from(t, 'utf8'))),
  fc.constantFrom('{', '[', '"', '{"a":1}}', '\u0000', 'null', '', ' ', '\ufeff{}', '1e999', '[' .repeat(5_000) + ']'.repeat(5_000), '{"a":'.repeat(3_000) + '1' + '}'.repeat(3_000))
    .map((t) => new Bytes(Buffer.from(t, 'utf8'))),
);
const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });

type Path = (string | number)[];
function clone(v: unknown): unknown {
  if (v instanceof Bytes || v instanceof Later || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clone);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
}
function setPath(root: unknown, path: Path, value: unknown): unknown {
  const copy = (root !== null && typeof root === 'object' ? clone(root) : {}) as Record<string | number, unknown>;
  let cur = copy;
  for (const key of path.slice(0, -1)) {
    if (cur[key] === null || typeof cur[key] !== 'object' || cur[key] instanceof Later) cur[key] = typeof key === 'number' ? [] : {};
    cur = cur[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === REMOVE) {
    if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
    else delete cur[last];
  } else cur[last] = value;
  return copy;
}
/** A valid value with one to three of its fields replaced by absurd (or given) values, or removed. */
function mutated(base: unknown, paths: Path[], extra: fc.Arbitrary<unknown>[] = []) {
  const value = fc.oneof({ weight: 1, arbitrary: fc.constant(REMOVE as unknown) }, { weight: 5, arbitrary: absurd }, ...extra.map((a) => ({ weight: 3, arbitrary: a })));
  return fc
    .array(fc.tuple(fc.constantFrom(...paths), value), { minLength: 1, maxLength: 3 })
    .map((changes) => changes.reduce<unknown>((acc, [path, v]) => setPath(acc, path, v), base));
}
function leafPaths(v: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (v && typeof v === 'object') {
    if (path.length) out.push(path);
    for (const [k, x] of Object.entries(v)) leafPaths(x, [...path, Array.isArray(v) ? Number(k) : k], out);
  } else if (path.length) out.push(path);
  return out;
}

/** Percent-encodes a string byte by byte (lone surrogates become U+FFFD, as on the wire). */
const pct = (v: string) =>
  [...Buffer.from(v, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('');

// ---------------------------------------------------------------------------------------------
// Requests and checks

let s: TestServer;
let twilio: TwilioStandIn;
let wa: WhatsAppStandIn;

interface Res {
  status: number;
  body: any;
  text: string;
  raw: Buffer;
  type: string;
}

const STATS = new Map<string, number>();
async function send(method: string, path: string, opts: { body?: unknown; contentType?: string | null; headers?: Record<string, string>; auth?: boolean } = {}): Promise<Res> {
  const raw = opts.body === undefined ? undefined : toBytes(opts.body);
  const headers: Record<string, string> = {};
  if (opts.auth !== false) headers.authorization = `Bearer ${s.key}`;
  const ct = opts.contentType === undefined ? (raw ? 'application/json' : null) : opts.contentType;
  if (ct !== null) headers['content-type'] = ct;
  Object.assign(headers, opts.headers ?? {});
  const res = await fetch(`${s.url}${path}`, { method, headers, body: raw, redirect: 'manual' });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (process.env.FUZZ_STATS) {
    const route = path.split('?')[0].replace(/\/c\/[^/]+/, '/c/{token}').replace(/ord_\w+/, '{id}').replace(/templates\/.*/, 'templates/{key}').replace(/str_\w+/, '{store_id}');
    const k = `${method} ${route} ${res.status} ${body?.error?.code ?? ''}`;
    STATS.set(k, (STATS.get(k) ?? 0) + 1);
  }
  return { status: res.status, body, text, raw: raw ?? Buffer.alloc(0), type: res.headers.get('content-type') ?? '' };
}

const get = async (path: string) => {
  const r = await s.api('GET', path);
  assert.equal(r.status, 200, `GET ${path}: ${r.status} ${short(JSON.stringify(r.body))}`);
  return r.body;
};

function assertErrorShape(res: Res, what: string) {
  const e = res.body?.error;
  assert.ok(
    e && typeof e.code === 'string' && /^[a-z][a-z0-9_]*$/.test(e.code) && typeof e.message === 'string' && e.message.length > 0 && Array.isArray(e.details),
    `${what}: ${res.status} without the error shape {error:{code,message,details}}: ${short(res.text)}`,
  );
  for (const d of e.details) assert.ok(d && typeof d.path === 'string' && d.path.length > 0, `${what}: ${res.status} with a detail that names no path: ${short(JSON.stringify(d))}`);
  if (res.status === 422) assert.ok(e.details.length > 0, `${what}: 422 without details naming the field: ${short(res.text)}`);
}

/** Fastify turns a Content-Type that is not a media type at all away (415) before any route runs. */
const notAMediaType = (ct: string | null | undefined) => ct != null && !/^\s*[\w!#$&^.+-]+\/[\w!#$&^.+-]+\s*(;.*)?$/.test(ct);

const STACK = /\bat [\w.$<>[\]]+ \(|\bat (?:file|node):|\.[cm]?[jt]s:\d+:\d+|\b[A-Z]\w*Error: |"stack"|FST_ERR/;
function assertNoTrace(res: Res, what: string) {
  assert.doesNotMatch(res.text, STACK, `${what}: ${res.status} shows internals: ${short(res.text, 1500)}`);
}

// ---------------------------------------------------------------------------------------------
// Orders in the call queue, each with its SMS link

interface Target {
  id: string;
  number: number;
  token: string;
  phone: string;
}

async function queuedOrders(n: number): Promise<Target[]> {
  const placed = await Promise.all(
    Array.from({ length: n }, async () => {
      const phone = mobile();
      const r = await s.api('POST', '/v1/orders', orderBody({
        customer: { name: 'ريم الدوسري', phone, email: `fz${phone}@example.com` },
        lines: [{ sku: SKU, quantity: 1, unit_price: '120.00', name: 'حقيبة' }],
      }));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.status, 'pending');
      return { id: r.body.id as string, number: r.body.number as number, phone };
    }),
  );
  const ids = new Set(placed.map((o) => o.id));
  await waitFor(`${n} orders in the call queue`, async () => {
    const q = await get('/v1/call-queue?include_waiting=true&limit=200');
    return q.data.filter((e: any) => ids.has(e.order.id)).length === n;
  }, 30_000, 150);
  // The call step does not wait for the SMS to be handed over: wait until Twilio has it too.
  return Promise.all(placed.map(async (o) => {
    const sms = await waitFor(`order ${o.number}'s SMS sent`, async () =>
      (await get(`/v1/messages?order_id=${o.id}`)).data.find((m: any) => m.channel === 'sms' && m.status === 'sent' && m.provider_message_id));
    return { ...o, token: linkIn(sms.body).slice(3) };
  }));
}

/** Targets handed out one at a time; one that a request changed is taken out (and cancelled, to keep the queue short). */
class Pool {
  private items: Target[] = [];
  constructor(private readonly batch: number) {}
  async take(): Promise<Target> {
    if (!this.items.length) this.items.push(...(await queuedOrders(this.batch)));
    return this.items[0];
  }
  async spend(t: Target) {
    if (!this.items.includes(t)) return;
    this.items = this.items.filter((x) => x !== t);
    await s.api('POST', `/v1/orders/${t.id}/cancel`, { reason: 'fuzz: used up' });
  }
}

/** Everything a refused request must leave as it was. */
async function orderState(id: string) {
  const [o, q, tl, msgs] = await Promise.all([
    get(`/v1/orders/${id}`),
    get('/v1/call-queue?include_waiting=true&limit=200'),
    get(`/v1/orders/${id}/timeline`),
    get(`/v1/messages?order_id=${id}`),
  ]);
  return {
    status: o.status,
    verification: o.verification,
    updated_at: o.updated_at,
    shipping_address: o.shipping_address,
    delivery: o.delivery ?? null,
    phone: o.customer.phone_e164,
    queue: q.data.find((e: any) => e.order.id === id)?.call ?? null,
    events: tl.data.map((e: any) => e.type),
    messages: msgs.data.map((m: any) => [m.id, m.status, m.provider_message_id]),
  };
}

const allMessages = async () => (await get('/v1/messages?limit=200')).data.map((m: any) => [m.id, m.status, m.provider_message_id, m.last_error]);

// ---------------------------------------------------------------------------------------------

describe(`fuzzing confirmation (${dbLabel})`, () => {
  before(async () => {
    [s, twilio, wa] = await Promise.all([
      startTestServer({ worker: true }),
      startTwilio({ accountSid: 'AC' + 'f'.repeat(32), authToken: 'twilio-fuzz-auth-token' }),
      startWhatsAppStandIn({ token: WA.token, phoneNumberId: WA.phoneNumberId }),
    ]);
    const r = await s.api('PATCH', '/v1/store/settings', {
      verification: { steps: [{ channel: 'sms', after_seconds: 0 }, { channel: 'call', after_seconds: 0 }], call_attempts: 3 },
      messaging: {
        sms: { provider: 'twilio', base_url: twilio.url, account_sid: twilio.accountSid, auth_token: twilio.authToken, from: '+15005550006' },
        whatsapp: { base_url: wa.url, phone_number_id: WA.phoneNumberId, access_token: WA.token, app_secret: WA.appSecret, verify_token: WA.verifyToken },
        retry: { attempts: 1, backoff_seconds: 0.1, timeout_seconds: 2 },
      },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    await stock(s, SKU, 1_000_000, '120.00');
  });
  after(async () => {
    if (process.env.FUZZ_STATS) process.stderr.write([...STATS].sort().map(([k, n]) => `${n}\t${k}`).join('\n') + '\n');
    resetLimits();
    await s.stop();
    await Promise.all([twilio.close(), wa.close()]);
  });

  // ---- POST /v1/orders/{id}/calls ------------------------------------------------------------
  test('POST /v1/orders/{id}/calls: arbitrary bodies on an order in the call queue', async () => {
    const pool = new Pool(8);
    const DAY = 86_400_000;
    const outcome = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...CALL_OUTCOMES) },
      { weight: 2, arbitrary: fc.constantFrom('CONFIRMED', 'confirmed ', ' no_answer', 'no-answer', 'ghost', 'yes', 'call-back', 'cancelled\u0000', 'تم', '') },
      { weight: 2, arbitrary: absurd },
    );
    const when = fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: -40 * DAY, max: 40 * DAY }).map((ms) => new Later(ms)) },
      { weight: 1, arbitrary: fc.constantFrom(new Later(31 * DAY), new Later(29 * DAY), new Later(-1000), new Later(60_000)) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '+275760-09-13T00:00:00.001Z', '0000-01-01', '9999-12-31T23:59:59Z', '2025-02-30',
          '2026-13-01', 'not a date', '', ' ', 'tomorrow', '1970-01-01T00:00:00Z', '٢٠٢٦-١٢-٠١', -8.64e15, 8.64e15, 8.64e15 + 1, 0, -1, 1e308, true, false,
          null, [], [2026, 12, 1], {}, { date: '2026-12-01' }, 'Infinity', 'NaN',
        ),
      },
      { weight: 1, arbitrary: absurd },
    );
    const valid = { outcome: 'no_answer', note: 'رن الهاتف ولم يرد أحد', call_back_at: new Later(3_600_000) };
    const bodies = fc.oneof(
      { weight: 3, arbitrary: anyJson },
      { weight: 5, arbitrary: mutated(valid, [['outcome'], ['note'], ['call_back_at'], ['extra'], ['outcome', 'nested'], ['note', 0]], [outcome, when]) },
      { weight: 3, arbitrary: fc.record({ outcome, note: fc.oneof(nastyString, absurd), call_back_at: when }, { requiredKeys: ['outcome'] }) },
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const o = await pool.take();
        const before = await orderState(o.id);
        const res = await send('POST', `/v1/orders/${o.id}/calls`, { body });
        const label = `POST /v1/orders/{id}/calls with ${short(res.raw.toString('utf8'))}`;
        if (res.status < 400) {
          await pool.spend(o);
          assert.equal(res.status, 200, `${label} → ${res.status} ${short(res.text)}`);
          const input = callBody.safeParse(JSON.parse(res.raw.toString('utf8')));
          assert.ok(input.success, `${label} → 200 for a body the schema refuses`);
          assert.equal(res.body.order?.id, o.id);
          return;
        }
        const after = await orderState(o.id);
        if (!isDeepStrictEqual(after, before)) await pool.spend(o);
        assert.ok(res.status < 500, `${label} → ${res.status} ${short(res.text)}`);
        assertErrorShape(res, label);
        assert.deepEqual(after, before, `${label} → ${res.status} (${res.body?.error?.code}) but the order changed`);
      }),
      fcOptions(runs(80)),
    );
  });

  // ---- PUT /v1/message-templates/{key} -------------------------------------------------------
  test('PUT /v1/message-templates/{key}: arbitrary keys and bodies', async () => {
    const key = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...TEMPLATE_KEYS) },
      { weight: 2, arbitrary: nastyString.filter((k) => k.length > 0) },
      { weight: 1, arbitrary: fc.constantFrom('CONFIRM_SMS', 'confirm_sms ', 'confirm_sms\u0000', '__proto__', 'constructor', 'toString', 'x'.repeat(1_999), 'x'.repeat(2_000), '..', 'confirm_sms/..', '%', '?') },
    );
    const text = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          'طلبك رقم {{order_number}} من {{store_name}}: {{link}}', 'Order {{order_number}}: {{link}}', '{{link}}', '{{ link }}', '{{unknown}} {{link}}',
          '{{link', '}}{{', '{{{link}}}', '{{link}}{{phone}}', '{{ phone }} {{link}}', '{{__proto__}} {{link}}', '{{constructor}}', 'x'.repeat(1_001) + '{{link}}',
          '', ' ', '\n', 'مرحبا {{customer_name}} {{items}} {{total}}', '{{link}}\u0000', '{{link}}\ud800',
        ),
      },
      { weight: 2, arbitrary: nastyString.map((t) => `${t} {{link}}`) },
      { weight: 2, arbitrary: absurd },
    );
    const subject = fc.oneof(fc.constantFrom('تأكيد طلبك {{order_number}}', 'Order {{order_number}}', 'line\nbreak', 'x'.repeat(201), '{{link}}', '', null), nastyString, absurd);
    const valid = { ar: { body: 'طلبك رقم {{order_number}}: {{link}}' }, en: { body: 'Order {{order_number}}: {{link}}' } };
    const PATHS: Path[] = [['ar'], ['en'], ['ar', 'body'], ['en', 'body'], ['ar', 'subject'], ['en', 'subject'], ['fr'], ['ar', 'extra'], ['en', 'body', 'x']];
    const langText = fc.oneof(fc.constant(null), fc.record({ body: text, subject }, { requiredKeys: ['body'] }));
    const bodies = fc.oneof(
      { weight: 2, arbitrary: anyJson },
      { weight: 1, arbitrary: randomBytes as fc.Arbitrary<unknown> },
      { weight: 4, arbitrary: mutated(valid, PATHS, [text, subject, fc.constant(null)]) },
      { weight: 3, arbitrary: fc.record({ ar: langText, en: langText }, { requiredKeys: [] }) },
    );
    let before = await get('/v1/message-templates');
    try {
      await fc.assert(
        fc.asyncProperty(key, bodies, async (k, body) => {
          const res = await send('PUT', `/v1/message-templates/${pct(k)}`, { body });
          const after = await get('/v1/message-templates');
          const previous = before;
          before = after;
          const label = `PUT /v1/message-templates/${JSON.stringify(k)} with ${short(res.raw.toString('utf8'))}`;
          assert.ok(res.status < 500, `${label} → ${res.status} ${short(res.text)}`);
          if (res.status >= 400) {
            assertErrorShape(res, label);
            assert.deepEqual(after, previous, `${label} → ${res.status} (${res.body?.error?.code}) but the templates changed`);
          } else {
            assert.equal(res.status, 200, `${label} → ${res.status}`);
            assert.ok((TEMPLATE_KEYS as string[]).includes(k), `${label} saved a template under an unknown key`);
            assert.deepEqual(res.body, after.data.find((t: any) => t.key === k), 'the answer is what GET lists');
          }
        }),
        fcOptions(runs(60)),
      );
    } finally {
      for (const k of TEMPLATE_KEYS) await s.api('PUT', `/v1/message-templates/${k}`, { ar: null, en: null });
    }
  });

  test('a path parameter longer than the router allows still gets the error shape', async () => {
    // app.ts sets maxParamLength 2000 so that long parameters reach the route's schema; one
    // character more and Fastify's router answers 414 in its own shape.
    const before = await get('/v1/message-templates');
    for (const path of [`/v1/message-templates/${'x'.repeat(2_001)}`, `/v1/orders/${'x'.repeat(2_001)}/calls`]) {
      const res = await send(path.includes('templates') ? 'PUT' : 'POST', path, { body: { ar: null, outcome: 'confirmed' } });
      assert.ok(res.status < 500, `${res.status} ${short(res.text)}`);
      assertErrorShape(res, `${path.slice(0, 40)}… (${path.length} chars)`);
    }
    assert.deepEqual(await get('/v1/message-templates'), before);
  });

  // ---- POST /c/{token}/{action} --------------------------------------------------------------
  test('POST /c/{token}/{confirm|window|address|cancel|phone}: arbitrary bodies and content types', async () => {
    const pool = new Pool(8);
    const first = await pool.take();
    resetLimits();
    const page = await fetch(`${s.url}/c/${first.token}`);
    assert.equal(page.status, 200);
    const windows = [...(await page.text()).matchAll(/name="window"[^>]*value="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(windows.length > 0, 'the page offers delivery windows');

    const action = fc.constantFrom('confirm', 'window', 'address', 'cancel', 'phone');
    const fieldName = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('lang', 'window', 'line1', 'line2', 'district', 'city', 'region', 'postal_code', 'reason', 'phone') },
      { weight: 1, arbitrary: nastyString },
      { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'toString', 'line1[]', 'city[0]', 'window ', 'PHONE') },
    );
    const textValue = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...windows, `${windows[0]}x`, '2000-01-01|09:00|13:00', '2099-01-01|09:00|13:00', '|', '||', windows[0].replace('|', ' ')) },
      { weight: 2, arbitrary: fc.constantFrom('0559876543', '+966559876543', '٠٥٥٩٨٧٦٥٤٣', '0112345678', '12', '+1', '0'.repeat(51), '05598765430559876543') },
      { weight: 2, arbitrary: fc.constantFrom('شارع التحلية ٥', 'جدة', 'Riyadh', '12345', 'x'.repeat(501), 'ar', 'en', '', ' ', 'طلبت بالخطأ') },
      { weight: 3, arbitrary: nastyString },
      { weight: 1, arbitrary: longString },
    );
    const formBody = fc.oneof(
      fc.array(fc.tuple(fieldName, textValue), { maxLength: 8 }).map((pairs) => new URLSearchParams(pairs).toString()),
      fc.string({ unit: fc.constantFrom('=', '&', '%', '%00', '%ZZ', '%E0%A4', '%D8', 'a', 'line1', 'city', 'window', 'reason', 'phone', '+', ';', '\u0000', 'ش', '[]'), maxLength: 40 }),
    ).map(rawText);
    const jsonBody = fc.oneof(
      anyJson,
      fc.dictionary(fieldName, fc.oneof(textValue, absurd), { maxKeys: 8 }),
      fc.constantFrom({ line1: 5, city: 'جدة' }, { line1: 'شارع', city: ['جدة'] }, { reason: 42 }, { reason: ['a'] }, { phone: 559876543 }, { window: [] }, { window: {} }),
    );
    const formTypes = fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/x-www-form-urlencoded; charset=utf-16', 'Application/X-WWW-Form-Urlencoded');
    const jsonTypes = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=latin1');
    const otherTypes = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom(
          'text/plain', 'text/plain; charset=utf-8', 'multipart/form-data; boundary=----x', 'application/xml', 'text/html', 'application/octet-stream',
          'application/x-www-form-urlencoded, application/json', 'application/json-patch+json', 'application/x-www-form-urlencodedx', '',
        ),
      },
      { weight: 1, arbitrary: printable },
      { weight: 1, arbitrary: fc.constant(null) },
    );
    // Mostly what a browser or a JSON client sends, sometimes with the other one's content type.
    const request: fc.Arbitrary<[unknown, string | null]> = fc.oneof(
      { weight: 5, arbitrary: fc.tuple(formBody as fc.Arbitrary<unknown>, fc.oneof({ weight: 6, arbitrary: formTypes }, { weight: 1, arbitrary: jsonTypes }, { weight: 1, arbitrary: otherTypes })) },
      { weight: 4, arbitrary: fc.tuple(jsonBody.map((v) => new Bytes(Buffer.from(serialize(v), 'utf8'))) as fc.Arbitrary<unknown>, fc.oneof({ weight: 6, arbitrary: jsonTypes }, { weight: 1, arbitrary: formTypes }, { weight: 1, arbitrary: otherTypes })) },
      { weight: 1, arbitrary: fc.tuple(randomBytes as fc.Arbitrary<unknown>, fc.oneof(formTypes, jsonTypes, otherTypes)) },
      { weight: 1, arbitrary: fc.tuple(fc.constant(undefined), fc.oneof(formTypes, jsonTypes, otherTypes)) },
    );
    const lang = fc.option(fc.oneof(fc.constantFrom('ar', 'en', 'fr', '', 'EN', 'ar-SA', 'en\u0000'), nastyString), { nil: undefined });
    const acceptLanguage = fc.option(fc.oneof(fc.constantFrom('en', 'ar', 'en-US,en;q=0.9', 'fr', '*', 'en;q=abc', 'ar;q=0, en;q=0', 'en;q=1e999'), printable), { nil: undefined });

    await fc.assert(
      fc.asyncProperty(action, request, lang, acceptLanguage, async (act, [b, ct], lg, al) => {
        resetLimits();
        const o = await pool.take();
        const before = await orderState(o.id);
        const path = `/c/${o.token}/${act}${lg === undefined ? '' : `?lang=${pct(lg)}`}`;
        const res = await send('POST', path, { body: b, contentType: ct, auth: false, headers: al === undefined ? {} : { 'accept-language': al } });
        const label = `POST /c/{token}/${act}${lg === undefined ? '' : `?lang=${JSON.stringify(lg)}`} (${JSON.stringify(ct)}) with ${short(JSON.stringify(res.raw.toString('utf8')))}`;
        const after = res.status >= 400 ? await orderState(o.id) : null;
        if (res.status < 400 || !isDeepStrictEqual(after, before)) await pool.spend(o);
        assert.ok(res.status < 500, `${label} → ${res.status} ${short(res.text)}`);
        assertNoTrace(res, label);
        if (res.type.includes('text/html')) assert.match(res.text, /^<!doctype html>[\s\S]*<\/html>\s*$/i, `${label}: an HTML answer that is not a whole page`);
        if (res.status >= 400) {
          if (res.type.includes('json')) assertErrorShape(res, label);
          else assert.ok(res.type.includes('text/html'), `${label} → ${res.status} as ${res.type}`);
          assert.deepEqual(after, before, `${label} → ${res.status} but the order changed`);
        } else {
          assert.ok(res.status === 200 || res.status === 303, `${label} → unexpected ${res.status}`);
        }
      }),
      fcOptions(runs(80)),
    );
  });

  // ---- provider webhooks ---------------------------------------------------------------------
  const waPath = () => `/v1/webhooks/whatsapp/${s.storeId}`;
  const twilioPath = () => `/v1/webhooks/sms/twilio/${s.storeId}`;
  const headerName = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split('')), minLength: 1, maxLength: 20 })
    .filter((h) => /^[a-z]/.test(h) && !['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'te', 'trailer', 'content-length', 'authorization'].includes(h));
  const extraHeaders = fc.dictionary(
    fc.oneof(headerName, fc.constantFrom('x-hub-signature', 'x-hub-signature-256', 'x-twilio-signature', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'accept-language')),
    printable,
    { maxKeys: 4 },
  );
  const hmac = (alg: 'sha1' | 'sha256', key: string, data: Buffer | string) => createHmac(alg, key).update(data).digest();

  /** Meta-shaped webhook bodies (all four kinds) with up to three leaves replaced by absurd values. */
  const metaBodies = (from: fc.Arbitrary<string>, wamids: string[] = []) => {
    const wamid = fc.oneof(fc.constantFrom(...wamids, 'wamid.fuzz'), fc.integer({ min: 0, max: 1e9 }).map((n) => `wamid.FZ${n}`));
    const ts = fc.integer({ min: 1, max: 4_000_000_000 });
    const kind = fc.oneof(
      fc.record({ wamid, status: fc.constantFrom('sent', 'delivered', 'read', 'failed'), recipient: from, timestamp: ts }).map((o) => whatsappWebhookBody('status', o as never, WA.phoneNumberId)),
      fc.record({ from, contextId: wamid, payload: fc.constantFrom('confirm', 'cancel', 'CONFIRM', 'other'), wamid, timestamp: ts }).map((o) => whatsappWebhookBody('button', o, WA.phoneNumberId)),
      fc.record({ from, contextId: wamid, id: fc.constantFrom('confirm', 'cancel'), title: fc.constantFrom('تأكيد', 'إلغاء'), wamid, timestamp: ts }).map((o) => whatsappWebhookBody('interactive', o, WA.phoneNumberId)),
      fc.record({ from, text: fc.oneof(fc.constantFrom('نعم', 'yes', 'لا', 'cancel', '👍', 'نعم\u0000', 'yes\ud800'), nastyString), wamid, timestamp: ts }).map((o) => whatsappWebhookBody('text', o, WA.phoneNumberId)),
    );
    return kind.chain((b) => {
      const paths = leafPaths(b);
      return fc.array(fc.tuple(fc.constantFrom(...paths), fc.oneof({ weight: 1, arbitrary: fc.constant(REMOVE as unknown) }, { weight: 5, arbitrary: absurd })), { maxLength: 3 })
        .map((changes) => changes.reduce<unknown>((acc, [p, v]) => setPath(acc, p, v), b));
    });
  };

  test('POST /v1/webhooks/whatsapp/{store_id}: without a valid signature always 401, and nothing changes', async () => {
    const victim = await new Pool(1).take();
    const victimFrom = saE164(victim.phone).slice(1);
    const bodies = fc.oneof(
      { weight: 4, arbitrary: metaBodies(fc.constantFrom(victimFrom, `+${victimFrom}`)).map((b) => new Bytes(Buffer.from(serialize(b), 'utf8'))) },
      { weight: 2, arbitrary: anyJson.map((b) => new Bytes(Buffer.from(serialize(b), 'utf8'))) },
      { weight: 1, arbitrary: randomBytes },
    );
    const how = fc.constantFrom('none', 'other-secret', 'other-body', 'no-prefix', 'sha1', 'truncated', 'garbage', 'empty', 'verify-token', 'access-token', 'array');
    await fc.assert(
      fc.asyncProperty(bodies, how, extraHeaders, printable, fc.option(fc.constantFrom('application/json', 'text/plain', '', 'application/x-www-form-urlencoded'), { nil: null }), async (b, h, extra, junk, ct) => {
        const raw = Buffer.from(b.bytes);
        const good = hmac('sha256', WA.appSecret, raw).toString('hex');
        const sig: Record<string, string> = {
          none: '', empty: '', garbage: junk,
          'other-secret': `sha256=${hmac('sha256', 'not-the-app-secret', raw).toString('hex')}`,
          'other-body': `sha256=${hmac('sha256', WA.appSecret, Buffer.concat([raw, Buffer.from(' ')])).toString('hex')}`,
          'no-prefix': good,
          sha1: `sha1=${hmac('sha1', WA.appSecret, raw).toString('hex')}`,
          truncated: `sha256=${good.slice(0, 63)}`,
          'verify-token': `sha256=${hmac('sha256', WA.verifyToken, raw).toString('hex')}`,
          'access-token': `sha256=${hmac('sha256', WA.token, raw).toString('hex')}`,
          array: `sha256=${good}, sha256=${good}`,
        };
        const headers: Record<string, string> = { ...extra };
        delete headers['x-hub-signature-256'];
        if (h !== 'none') headers['x-hub-signature-256'] = sig[h];
        const [beforeMsgs, beforeOrder] = await Promise.all([allMessages(), orderState(victim.id)]);
        const res = await send('POST', waPath(), { body: b, contentType: ct, auth: false, headers });
        const [afterMsgs, afterOrder] = await Promise.all([allMessages(), orderState(victim.id)]);
        const label = `POST ${waPath()} signed "${h}" (${JSON.stringify(ct)}) with headers ${JSON.stringify(headers)} and ${short(JSON.stringify(raw.toString('utf8')))}`;
        if (!(res.status === 415 && notAMediaType(headers['content-type'] ?? ct))) assert.equal(res.status, 401, `${label} → ${res.status} ${short(res.text)}`);
        assertErrorShape(res, label);
        assert.deepEqual(afterMsgs, beforeMsgs, `${label}: the messages changed`);
        assert.deepEqual(afterOrder, beforeOrder, `${label}: the order changed`);
      }),
      fcOptions(runs(50)),
    );
  });

  test('POST /v1/webhooks/whatsapp/{store_id}: arbitrary JSON correctly signed is 200 and breaks nothing', async () => {
    const victim = await new Pool(1).take();
    // Senders we never wrote to (ours are +96655…), so the replies are kept and applied to nothing.
    const stranger = fc.integer({ min: 0, max: 9_999_999 }).map((n) => `96659${String(n).padStart(7, '0')}`);
    const bodies = fc.oneof(
      { weight: 5, arbitrary: metaBodies(stranger) },
      { weight: 2, arbitrary: anyJson },
      // (Nesting hundreds deep has a test of its own below.)
      { weight: 1, arbitrary: fc.constantFrom('[' .repeat(200) + ']'.repeat(200), '{"entry":'.repeat(100) + '[]' + '}'.repeat(100), '{"entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"x\\u0000","from":"966590000001","timestamp":"1","type":"text","text":{"body":"نعم\\ud800"}}]}}]}]}').map((t) => new Bytes(Buffer.from(t))) },
    );
    await fc.assert(
      fc.asyncProperty(bodies, extraHeaders, async (b, extra) => {
        const raw = toBytes(b);
        const headers: Record<string, string> = { ...extra, 'x-hub-signature-256': `sha256=${hmac('sha256', WA.appSecret, raw).toString('hex')}` };
        const [beforeMsgs, beforeOrder] = await Promise.all([allMessages(), orderState(victim.id)]);
        const res = await send('POST', waPath(), { body: new Bytes(raw), auth: false, headers });
        const label = `signed POST ${waPath()} with ${short(JSON.stringify(raw.toString('utf8')))}`;
        assert.ok(res.status < 500, `${label} → ${res.status} ${short(res.text)}`);
        assert.equal(res.status, 200, `${label} → ${res.status} ${short(res.text)}`);
        assert.equal(res.body?.received, true);
        const health = await fetch(`${s.url}/health`);
        assert.equal(health.status, 200, 'the server still answers');
        assert.deepEqual(await allMessages(), beforeMsgs, `${label}: our messages changed`);
        assert.deepEqual(await orderState(victim.id), beforeOrder, `${label}: an unrelated order changed`);
      }),
      fcOptions(runs(60)),
    );
  });

  test('POST /v1/webhooks/whatsapp/{store_id}: valid JSON nested thousands deep, correctly signed, is acknowledged, not called "not JSON"', async () => {
    // Meta never sends this, but the signature proves it came from Meta's side, and the body is
    // JSON: a 400 "The body is not JSON" makes the sender retry it forever and misleads whoever reads the log.
    for (const text of ['['.repeat(5_000) + ']'.repeat(5_000), '{"entry":'.repeat(5_000) + '[]' + '}'.repeat(5_000)]) {
      assert.doesNotThrow(() => JSON.parse(text), 'the body is valid JSON');
      const raw = Buffer.from(text);
      const res = await send('POST', waPath(), { body: new Bytes(raw), auth: false, headers: { 'x-hub-signature-256': `sha256=${hmac('sha256', WA.appSecret, raw).toString('hex')}` } });
      assert.ok(res.status < 500, `${res.status} ${short(res.text)}`);
      assert.equal(res.status, 200, `${text.slice(0, 20)}… (${text.length} chars, valid JSON) → ${res.status} ${short(res.text)}`);
    }
  });

  const twilioParams = (sids: string[]) => {
    const value = fc.oneof({ weight: 3, arbitrary: printable }, { weight: 2, arbitrary: nastyString }, { weight: 1, arbitrary: longString });
    return fc.tuple(
      fc.record({
        MessageSid: fc.oneof(fc.constantFrom('SM' + 'a'.repeat(32), ...sids), fc.integer({ min: 0, max: 1e9 }).map((n) => `SM${n.toString(16).padStart(32, '0')}`), value),
        MessageStatus: fc.oneof(fc.constantFrom('queued', 'sent', 'delivered', 'undelivered', 'failed', 'read', 'canceled', 'DELIVERED'), value),
        AccountSid: fc.oneof(fc.constant(twilio.accountSid), value),
        ErrorCode: value,
        To: fc.constantFrom('+966551000001', ''),
      }, { requiredKeys: ['MessageSid', 'MessageStatus'] }),
      fc.array(fc.tuple(fc.oneof(fc.constantFrom('MessageSid', 'MessageStatus', 'SmsSid', 'SmsStatus', 'ApiVersion'), nastyString), value), { maxLength: 4 }),
    ).map(([known, more]) => new URLSearchParams([...Object.entries(known).map(([k, v]): [string, string] => [k, String(v)]), ...more]).toString());
  };

  test('POST /v1/webhooks/sms/twilio/{store_id}: without a valid signature always 401, and nothing changes', async () => {
    const victim = await new Pool(1).take();
    const sids = (await get(`/v1/messages?order_id=${victim.id}`)).data.map((m: any) => m.provider_message_id).filter(Boolean);
    assert.ok(sids.length > 0, 'the SMS went through Twilio and has its SID');
    const bodies = fc.oneof(
      { weight: 4, arbitrary: twilioParams(sids).map(rawText) as fc.Arbitrary<unknown> },
      { weight: 1, arbitrary: randomBytes as fc.Arbitrary<unknown> },
      { weight: 1, arbitrary: anyJson.map((v) => rawText(serialize(v))) as fc.Arbitrary<unknown> },
    );
    const how = fc.constantFrom('none', 'empty', 'other-token', 'other-url', 'other-params', 'garbage', 'sha256', 'hex');
    await fc.assert(
      fc.asyncProperty(bodies, how, extraHeaders, printable, fc.option(fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json', 'text/plain', ''), { nil: null }), async (b, h, extra, junk, ct) => {
        const raw = toBytes(b);
        const params = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
        const url = `${s.url}${twilioPath()}`;
        const sign = (token: string, u: string, p: Record<string, string>, alg: 'sha1' | 'sha256' = 'sha1') =>
          hmac(alg, token, Object.keys(p).sort().reduce((acc, k) => acc + k + p[k], u));
        const sig: Record<string, string> = {
          none: '', empty: '', garbage: junk,
          'other-token': sign('not-the-auth-token', url, params).toString('base64'),
          'other-url': sign(twilio.authToken, url.replace('127.0.0.1', 'localhost'), params).toString('base64'),
          'other-params': sign(twilio.authToken, url, { ...params, MessageStatus: 'x' + (params.MessageStatus ?? '') }).toString('base64'),
          sha256: sign(twilio.authToken, url, params, 'sha256').toString('base64'),
          hex: sign(twilio.authToken, url, params).toString('hex'),
        };
        const headers: Record<string, string> = { ...extra };
        delete headers['x-twilio-signature'];
        if (h !== 'none') headers['x-twilio-signature'] = sig[h];
        const [beforeMsgs, beforeOrder] = await Promise.all([allMessages(), orderState(victim.id)]);
        const res = await send('POST', twilioPath(), { body: new Bytes(raw), contentType: ct, auth: false, headers });
        const [afterMsgs, afterOrder] = await Promise.all([allMessages(), orderState(victim.id)]);
        const label = `POST ${twilioPath()} signed "${h}" (${JSON.stringify(ct)}) with headers ${JSON.stringify(headers)} and ${short(JSON.stringify(raw.toString('utf8')))}`;
        if (!(res.status === 415 && notAMediaType(headers['content-type'] ?? ct))) assert.equal(res.status, 401, `${label} → ${res.status} ${short(res.text)}`);
        assertErrorShape(res, label);
        assert.deepEqual(afterMsgs, beforeMsgs, `${label}: the messages changed`);
        assert.deepEqual(afterOrder, beforeOrder, `${label}: the order changed`);
      }),
      fcOptions(runs(50)),
    );
  });

  test('POST /v1/webhooks/sms/twilio/{store_id}: arbitrary parameters correctly signed are never 5xx', async () => {
    const url = () => `${s.url}${twilioPath()}`;
    await fc.assert(
      fc.asyncProperty(twilioParams([]), async (body) => {
        const params = Object.fromEntries(new URLSearchParams(body));
        const signature = hmac('sha1', twilio.authToken, Object.keys(params).sort().reduce((acc, k) => acc + k + params[k], url())).toString('base64');
        const before = await allMessages();
        const res = await send('POST', twilioPath(), { body: rawText(body), contentType: 'application/x-www-form-urlencoded', auth: false, headers: { 'x-twilio-signature': signature } });
        const label = `signed POST ${twilioPath()} with ${short(JSON.stringify(body))}`;
        assert.ok(res.status < 500, `${label} → ${res.status} ${short(res.text)}`);
        assert.equal(res.status, 200, `${label} → ${res.status} ${short(res.text)}`);
        assert.deepEqual(await allMessages(), before, `${label}: a status for a message that is not ours changed one of ours`);
      }),
      fcOptions(runs(40)),
    );
  });

  // ---- PATCH /v1/store/settings (last: accepted patches change the store) --------------------
  test('PATCH /v1/store/settings: arbitrary messaging, verification and delivery', async () => {
    // A page to look at after each accepted patch (taken now: no new orders once settings are fuzzed).
    const viewer = await new Pool(1).take();
    // Every URL that could be accepted points at 127.0.0.1 (a closed port): nothing leaves the machine.
    const urlish = fc.constantFrom('http://127.0.0.1:9', 'https://127.0.0.1:9/api', 'http://127.0.0.1:9/?q=%00', 'ftp://127.0.0.1/', 'javascript:alert(1)', '127.0.0.1:9', 'http://', 'http:///x', '');
    const secretish = fc.oneof(
      fc.constantFrom('s3cr3t-value-ABCDEFGH', '  padded-secret-value  ', 'short', '1234567', 'x'.repeat(501), 'sekret\u0000sekret', 'half\ud800emoji-secret'),
      fc.string({ unit: nastyChar, minLength: 8, maxLength: 20 }),
    );
    const smtpish = fc.constantFrom('smtp://user:p4ssw0rd-secret@127.0.0.1:9', 'smtps://127.0.0.1:9', 'smtp://127.0.0.1', 'smtp:// 127.0.0.1', 'http://127.0.0.1:9', 'smtp://', `smtp://${'a'.repeat(500)}@127.0.0.1`);
    const validMessaging = {
      sms: { provider: 'twilio', base_url: 'http://127.0.0.1:9', account_sid: 'AC' + '1'.repeat(32), auth_token: 'twilio-secret-token-1', from: '+15005550006' },
      whatsapp: { base_url: 'http://127.0.0.1:9', api_version: 'v21.0', phone_number_id: '1065403', access_token: 'wa-secret-access-2', app_secret: 'wa-secret-app-3', verify_token: 'wa-secret-verify-4', templates: { confirm: 'my_confirm' } },
      email: { smtp_url: 'smtp://wasl:smtp-secret-pass-5@127.0.0.1:9', from: 'orders@store.example' },
      retry: { attempts: 3, backoff_seconds: 0.5, timeout_seconds: 5 },
    };
    const MESSAGING_PATHS: Path[] = [
      ['sms'], ['sms', 'provider'], ['sms', 'base_url'], ['sms', 'account_sid'], ['sms', 'auth_token'], ['sms', 'from'], ['sms', 'app_sid'], ['sms', 'sender_id'], ['sms', 'password'],
      ['whatsapp'], ['whatsapp', 'base_url'], ['whatsapp', 'api_version'], ['whatsapp', 'phone_number_id'], ['whatsapp', 'access_token'], ['whatsapp', 'app_secret'],
      ['whatsapp', 'verify_token'], ['whatsapp', 'templates'], ['whatsapp', 'templates', 'confirm'], ['whatsapp', 'templates', 'api_token'], ['whatsapp', 'templates', '__proto__'],
      ['email'], ['email', 'smtp_url'], ['email', 'from'], ['email', 'password'], ['retry'], ['retry', 'attempts'], ['retry', 'backoff_seconds'], ['retry', 'timeout_seconds'], ['telegram'],
    ];
    const plausible = <T,>(base: T, paths: Path[], values: fc.Arbitrary<unknown>[]) =>
      fc.array(fc.tuple(fc.constantFrom(...paths), fc.oneof(...values)), { minLength: 1, maxLength: 3 })
        .map((changes) => changes.reduce<unknown>((acc, [path, v]) => setPath(acc, path, v), base));
    const messagingValues = [urlish, secretish, smtpish, fc.constantFrom('twilio', 'unifonic', 'TWILIO', 'whatsapp', 'v1', 'v21.0', 'v21', 0, null)];
    const messaging = fc.oneof(
      { weight: 4, arbitrary: fc.constant(validMessaging) },
      { weight: 5, arbitrary: plausible(validMessaging, MESSAGING_PATHS, messagingValues) },
      { weight: 2, arbitrary: mutated(validMessaging, MESSAGING_PATHS, messagingValues) },
      { weight: 2, arbitrary: fc.constantFrom(null, {}, { sms: null }, { sms: { provider: 'unifonic' } }, { sms: { provider: 'unifonic', app_sid: 'unifonic-secret-sid-6', sender_id: 'Store' } }, { email: { from: 'a@b.c' } }, { whatsapp: { app_secret: 'rotated-secret-7' } }) },
      { weight: 1, arbitrary: absurd },
    );
    const validVerification = {
      steps: [{ channel: 'sms', after_seconds: 0 }, { channel: 'call', after_seconds: 0 }], call_attempts: 3, call_retry_seconds: 7200, link_ttl_seconds: 604_800, auto_confirm_after: 2,
    };
    const VERIFICATION_PATHS: Path[] = [
      ['steps'], ['steps', 0], ['steps', 0, 'channel'], ['steps', 0, 'after_seconds'], ['steps', 1, 'channel'], ['steps', 5], ['call_attempts'], ['call_retry_seconds'],
      ['link_ttl_seconds'], ['auto_confirm_after'], ['extra'], ['steps', 0, 'extra'],
    ];
    const verificationValues = [
      fc.constantFrom(0, 1, 20, 21, 100, 101, 30 * 86_400, 30 * 86_400 + 1, 90 * 86_400, 90 * 86_400 + 1, 7 * 86_400 + 1, 'sms', 'call', 'fax', 'SMS', '60'),
      fc.array(fc.record({ channel: fc.constantFrom('sms', 'whatsapp', 'email', 'call', 'fax'), after_seconds: fc.oneof(fc.integer({ min: -1, max: 31 * 86_400 }), absurdNumber) }), { maxLength: 12 }),
    ];
    const verification = fc.oneof(
      { weight: 4, arbitrary: fc.constant(validVerification) },
      { weight: 5, arbitrary: plausible(validVerification, VERIFICATION_PATHS, verificationValues) },
      { weight: 2, arbitrary: mutated(validVerification, VERIFICATION_PATHS, verificationValues) },
      { weight: 1, arbitrary: absurd },
    );
    const validDelivery = { slots: [{ from: '09:00', to: '13:00' }, { from: '13:00', to: '17:00' }], days_ahead: 5, closed_weekdays: [5] };
    const DELIVERY_PATHS: Path[] = [['slots'], ['slots', 0], ['slots', 0, 'from'], ['slots', 0, 'to'], ['slots', 1, 'to'], ['slots', 12], ['days_ahead'], ['closed_weekdays'], ['closed_weekdays', 0], ['extra']];
    const deliveryValues = [
      fc.constantFrom('00:00', '23:59', '24:00', '9:00', '09:60', '13:00', '12:59', '٠٩:٠٠', 0, 1, 6, 7, 30, 31, -1),
      fc.array(fc.integer({ min: -1, max: 7 }), { maxLength: 8 }),
      fc.array(fc.record({ from: fc.constantFrom('00:00', '08:00', '12:00', '23:59', '24:00'), to: fc.constantFrom('00:00', '08:00', '12:00', '23:59', '24:00') }), { maxLength: 14 }),
    ];
    const delivery = fc.oneof(
      { weight: 4, arbitrary: fc.constant(validDelivery) },
      { weight: 5, arbitrary: plausible(validDelivery, DELIVERY_PATHS, deliveryValues) },
      { weight: 2, arbitrary: mutated(validDelivery, DELIVERY_PATHS, deliveryValues) },
      { weight: 1, arbitrary: fc.constantFrom({ slots: [] }, { closed_weekdays: [0, 1, 2, 3, 4, 5] }, { closed_weekdays: [0, 1, 2, 3, 4, 5, 6] }, { days_ahead: 30, closed_weekdays: [0, 1, 2, 3, 4, 6] }) },
      { weight: 1, arbitrary: absurd },
    );
    const patch = fc.oneof(
      fc.record({ messaging, verification, delivery }, { requiredKeys: [] }).filter((p) => Object.keys(p).length > 0),
      fc.record({ messaging }),
      fc.record({ verification }),
      fc.record({ delivery }),
    );
    const bodies = fc.oneof({ weight: 8, arbitrary: patch as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: anyJson }, { weight: 1, arbitrary: randomBytes as fc.Arbitrary<unknown> });

    /** [value, where] of every string under a key that names a secret. */
    const secretsIn = (v: unknown, out: string[] = [], key = ''): string[] => {
      if (typeof v === 'string' && SECRET_KEY.test(key)) out.push(v.trim());
      else if (v && typeof v === 'object' && !(v instanceof Bytes)) for (const [k, x] of Object.entries(v)) secretsIn(x, out, Array.isArray(v) ? key : k);
      return out;
    };
    const plainStrings = (v: unknown, out: string[] = [], key = ''): string[] => {
      if (typeof v === 'string' && !SECRET_KEY.test(key)) out.push(v);
      else if (v && typeof v === 'object' && !(v instanceof Bytes)) for (const [k, x] of Object.entries(v)) plainStrings(x, out, Array.isArray(v) ? key : k);
      return out;
    };
    const unmaskedKeys = (v: unknown, path = '', out: string[] = []): string[] => {
      if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (SECRET_KEY.test(k) && typeof x === 'string') out.push(`${path}${k}`);
          unmaskedKeys(x, `${path}${k}.`, out);
        }
      }
      return out;
    };
    const assertNoSecrets = (body: unknown, answer: Res | { text: string; body: any }, what: string) => {
      const unmasked = unmaskedKeys(answer.body?.settings);
      assert.deepEqual(unmasked, [], `${what}: secrets shown as they are: ${unmasked.join(', ')}`);
      const plain = plainStrings(body);
      for (const secret of secretsIn(body)) {
        if (secret.length < 6 || plain.some((p) => p.includes(secret))) continue;
        const escaped = JSON.stringify(secret).slice(1, -1);
        assert.ok(!answer.text.includes(escaped) && !answer.text.includes(secret), `${what}: the secret ${JSON.stringify(secret)} is in the answer`);
      }
    };

    let before = await get('/v1/store');
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await send('PATCH', '/v1/store/settings', { body });
        const afterRes = await send('GET', '/v1/store');
        const previous = before;
        before = afterRes.body;
        const label = `PATCH /v1/store/settings with ${short(res.raw.toString('utf8'), 1500)}`;
        assert.ok(res.status < 500, `${label} → ${res.status} ${short(res.text)}`);
        if (res.status >= 400) {
          assertErrorShape(res, label);
          assert.deepEqual(afterRes.body, previous, `${label} → ${res.status} (${res.body?.error?.code}) but the store changed`);
          return;
        }
        assert.equal(res.status, 200, `${label} → ${res.status}`);
        assertNoSecrets(body, res, `${label} (the answer)`);
        assertNoSecrets(body, afterRes, `${label} (GET /v1/store after it)`);
        // The customer's page still renders with whatever delivery and verification settings were accepted.
        resetLimits();
        const page = await fetch(`${s.url}/c/${viewer.token}`);
        const html = await page.text();
        assert.ok(page.status < 500, `${label}: the confirmation page then answers ${page.status}`);
        assert.doesNotMatch(html, STACK, `${label}: the confirmation page then shows internals`);
      }),
      fcOptions(runs(80)),
    );
  });
});
