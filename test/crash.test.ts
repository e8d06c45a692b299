import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dbLabel, freshDatabaseUrl, onPostgres, orderBody } from './harness.ts';

/**
 * "An order acknowledged with 201 survives kill -9 of the server at any moment." The server runs
 * as a child process (`wasl serve --no-worker`) on its own database; orders are fired at it
 * concurrently and it is SIGKILLed at a random moment while requests are in flight. After a
 * restart on the same data every acknowledged order is there, the stock reserved is exactly what
 * the orders present hold, and an Idempotency-Key replays its order instead of making a second.
 * CRASH_SEED replays the same kill moments and quantities.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKU = 'CRASH';
const ON_HAND = 100_000;
const IN_FLIGHT = 8;
const CYCLES = 3;
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The child server

const children = new Set<ChildProcess>();
const cleanups: (() => Promise<void> | void)[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

interface Child {
  proc: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<void>;
}

async function startChild(dataEnv: Record<string, string>, key: string): Promise<Child> {
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(DATABASE_URL|WASL_|NODE_TEST_CONTEXT|NODE_OPTIONS|PORT|HOST)/.test(k)) continue;
    env[k] = v;
  }
  Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', WASL_API_KEY: key, LOG_LEVEL: 'warn' }, dataEnv);
  const proc = spawn(process.execPath, ['bin/wasl.js', 'serve', '--no-worker'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(proc);
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-20_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`the server exited (${proc.exitCode ?? proc.signalCode}) before /health answered:\n${out}`);
    }
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200 && ((await res.json()) as { status?: string }).status === 'ok') break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`the server did not answer /health within 120 s:\n${out}`);
    }
    await sleep(100);
  }
  return { proc, url, output: () => out, exited };
}

async function kill9(child: Child) {
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
  await child.exited;
  children.delete(child.proc);
}

async function stopGently(child: Child) {
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGTERM');
  const done = await Promise.race([child.exited.then(() => true), sleep(15_000).then(() => false)]);
  if (!done) await kill9(child);
  children.delete(child.proc);
}

async function call(child: Child, key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${child.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let json: any = text;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* keep text */
  }
  return { status: res.status, body: json };
}

// ---------------------------------------------------------------------------------------------

interface Attempt {
  key: string;
  body: ReturnType<typeof orderBody> & { external_id?: string };
  quantity: number;
  acknowledged?: string; // order id of the 201
}

const quantityOf = (order: any) => (order.lines as any[]).filter((l) => l.sku === SKU).reduce((n, l) => n + l.quantity, 0);

async function allOrders(child: Child, key: string) {
  const out: any[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await call(child, key, 'GET', `/v1/orders?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(page.status, 200, `listing orders: ${page.status} ${JSON.stringify(page.body)}`);
    out.push(...page.body.data);
    cursor = page.body.next_cursor;
    if (!cursor) return out;
  }
}

/** Every acknowledged order is there with its stock; reserved equals exactly what the orders present hold. */
async function verify(child: Child, key: string, attempts: Attempt[], when: string) {
  const acknowledged = attempts.filter((a) => a.acknowledged);
  for (const a of acknowledged) {
    const got = await call(child, key, 'GET', `/v1/orders/${a.acknowledged}`);
    assert.equal(got.status, 200, `${when}: order ${a.acknowledged} was acknowledged with 201 but is gone after kill -9 (seed ${SEED})`);
    assert.equal(quantityOf(got.body), a.quantity, `${when}: order ${a.acknowledged} lost lines`);
    assert.equal(got.body.external_id, a.body.external_id);
  }
  const orders = await allOrders(child, key);
  const ids = new Set(orders.map((o) => o.id));
  assert.equal(ids.size, orders.length, `${when}: an order is listed twice`);
  for (const a of acknowledged) assert.ok(ids.has(a.acknowledged), `${when}: acknowledged order ${a.acknowledged} is not listed`);
  const byExternal = new Map<string, number>();
  for (const o of orders) byExternal.set(o.external_id, (byExternal.get(o.external_id) ?? 0) + 1);
  const doubled = [...byExternal].filter(([, n]) => n > 1);
  assert.deepEqual(doubled, [], `${when}: one request made two orders`);
  const holding = orders.filter((o) => !['cancelled', 'returned', 'completed', 'delivered'].includes(o.status));
  const expected = holding.reduce((n, o) => n + quantityOf(o), 0);
  const acknowledgedQty = acknowledged.reduce((n, a) => n + a.quantity, 0);
  const inv = await call(child, key, 'GET', `/v1/inventory/${SKU}`);
  assert.equal(inv.status, 200);
  assert.equal(inv.body.on_hand, ON_HAND, `${when}: on_hand changed`);
  assert.equal(
    inv.body.reserved,
    expected,
    `${when}: reserved ${inv.body.reserved} but the ${holding.length} orders present hold ${expected} (seed ${SEED})`,
  );
  assert.ok(inv.body.reserved >= acknowledgedQty, `${when}: reserved ${inv.body.reserved} < ${acknowledgedQty} acknowledged`);
  return { orders: orders.length, reserved: inv.body.reserved as number };
}

describe(`an order acknowledged with 201 survives kill -9 of the server (${dbLabel})`, () => {
  after(async () => {
    for (const proc of children) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    children.clear();
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
  });

  test(`${CYCLES} kill -9 cycles under ${IN_FLIGHT} concurrent orders, then Idempotency-Key replays after restart`, async (t) => {
    t.diagnostic(`CRASH_SEED=${SEED}`);
    const key = `crash_${randomBytes(24).toString('base64url')}`;
    let dataEnv: Record<string, string>;
    if (onPostgres) {
      const fresh = await freshDatabaseUrl();
      assert.ok(fresh);
      cleanups.push(() => fresh.drop());
      dataEnv = { DATABASE_URL: fresh.url };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'wasl-crash-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      dataEnv = { WASL_DATA_DIR: dir };
    }

    const attempts: Attempt[] = [];
    let child = await startChild(dataEnv, key);
    const product = await call(child, key, 'PUT', `/v1/products/${SKU}`, { name: 'Crash test product', price: '10.00' });
    assert.equal(product.status, 200, JSON.stringify(product.body));
    const inventory = await call(child, key, 'PUT', `/v1/inventory/${SKU}`, { on_hand: ON_HAND });
    assert.equal(inventory.status, 200, JSON.stringify(inventory.body));

    let underLoad = 0;
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      if (cycle > 1) {
        child = await startChild(dataEnv, key);
        const seen = await verify(child, key, attempts, `after kill ${cycle - 1}`);
        t.diagnostic(`restart ${cycle - 1}: ${seen.orders} orders, ${seen.reserved} reserved, all ${attempts.filter((a) => a.acknowledged).length} acknowledged present`);
      }
      let killed = false;
      const unexpected: string[] = [];
      let n = 0;
      const worker = async (w: number, once = false) => {
        while (!killed) {
          const q1 = between(1, 5);
          const q2 = random() < 0.3 ? between(1, 3) : 0;
          const lines = [{ sku: SKU, quantity: q1, unit_price: '10.00' }, ...(q2 ? [{ sku: SKU, quantity: q2, unit_price: '10.00', name: 'second line' }] : [])];
          const attempt: Attempt = {
            key: `crash-${cycle}-${w}-${n}-${randomBytes(4).toString('hex')}`,
            quantity: q1 + q2,
            body: orderBody({
              external_id: `crash-${cycle}-${w}-${n++}`,
              customer: { name: 'عميل الاختبار', phone: `05${String(between(0, 99_999_999)).padStart(8, '0')}` },
              lines,
              total: `${(q1 + q2) * 10}.00`,
            }),
          };
          attempts.push(attempt);
          try {
            const res = await call(child, key, 'POST', '/v1/orders', attempt.body, { 'idempotency-key': attempt.key });
            if (res.status === 201) attempt.acknowledged = res.body.id;
            else if (!killed) unexpected.push(`${res.status} ${JSON.stringify(res.body)}`);
          } catch (err) {
            if (!killed) unexpected.push(`request failed before the kill: ${(err as Error).message}`);
          }
          if (once) return;
        }
      };
      await worker(IN_FLIGHT, true); // warm-up: the first order after a start loads the code paths
      const warm = attempts.filter((a) => a.acknowledged).length;
      const workers = Array.from({ length: IN_FLIGHT }, (_, w) => worker(w));
      const delay = between(300, 1500);
      await sleep(delay);
      killed = true; // set first: whatever fails from here on is the kill's doing
      await kill9(child);
      await Promise.all(workers);
      const acked = attempts.filter((a) => a.acknowledged && a.key.startsWith(`crash-${cycle}-`)).length;
      const sent = attempts.filter((a) => a.key.startsWith(`crash-${cycle}-`)).length;
      underLoad += attempts.filter((a) => a.acknowledged).length - warm;
      t.diagnostic(`cycle ${cycle}: killed after ${delay} ms of load; ${sent} sent, ${acked} acknowledged (1 warm-up)`);
      assert.deepEqual(unexpected, [], `cycle ${cycle}: answers other than 201 before the kill:\n${child.output()}`);
    }
    assert.ok(underLoad > 0, `no order was acknowledged under load before a kill; the test proves nothing`);

    // Final restart: everything acknowledged is there, and keys replay instead of ordering twice.
    child = await startChild(dataEnv, key);
    try {
      const before = await verify(child, key, attempts, `after kill ${CYCLES}`);
      const acknowledged = attempts.filter((a) => a.acknowledged);
      const replays = acknowledged.filter((_, i) => i % Math.max(1, Math.floor(acknowledged.length / 25)) === 0);
      for (const a of replays) {
        const again = await call(child, key, 'POST', '/v1/orders', a.body, { 'idempotency-key': a.key });
        assert.equal(again.status, 201, `replaying key ${a.key}: ${again.status} ${JSON.stringify(again.body)}`);
        assert.equal(again.body.id, a.acknowledged, `key ${a.key} gave another order after restart`);
      }
      const afterReplay = await verify(child, key, attempts, 'after replaying acknowledged keys');
      assert.deepEqual(afterReplay, before, 'replaying acknowledged keys made new orders or reservations');

      // Requests cut off by the kill: the client retries with the same key and gets exactly one order.
      const cut = attempts.filter((a) => !a.acknowledged);
      for (const a of cut) {
        const retry = await call(child, key, 'POST', '/v1/orders', a.body, { 'idempotency-key': a.key });
        assert.equal(retry.status, 201, `retrying cut-off request ${a.key}: ${retry.status} ${JSON.stringify(retry.body)}`);
        a.acknowledged = retry.body.id;
      }
      const final = await verify(child, key, attempts, 'after retrying cut-off requests');
      assert.equal(final.orders, attempts.length, 'every request, retried with its key, is exactly one order');
      t.diagnostic(`final: ${final.orders} orders, ${final.reserved} reserved; ${replays.length} keys replayed, ${cut.length} cut-off requests retried`);
    } finally {
      await stopGently(child);
    }
  });
});
