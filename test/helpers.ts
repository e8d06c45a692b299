import assert from 'node:assert/strict';
import type { TestServer } from './harness.ts';

/**
 * Small helpers shared by the integration tests. Each test file runs against its own server
 * and database, but tests inside a file share them: use a fresh phone and SKU per test.
 */

let counter = 0;

/** A fresh, valid Saudi mobile number in local form ("055xxxxxxx"), unique within the process. */
export function mobile(): string {
  counter += 1;
  return `055${String(1_000_000 + counter).padStart(7, '0')}`;
}

/** "0551000001" → "+966551000001" */
export const saE164 = (local: string) => `+966${local.replace(/^0/, '')}`;

let skuCounter = 0;
/** A fresh SKU name with a readable prefix. */
export function sku(prefix = 'SKU'): string {
  skuCounter += 1;
  return `${prefix}-${skuCounter}`;
}

type Res = { status: number; body: any };

/** The API's one error shape: {"error": {code, message, details: [...]}}. */
export function assertError(res: Res, status: number, code?: string) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  assert.equal(typeof res.body, 'object', `error body is not JSON: ${String(res.body)}`);
  assert.ok(res.body && typeof res.body.error === 'object', `no "error" object: ${JSON.stringify(res.body)}`);
  assert.match(res.body.error.code, /^[a-z][a-z0-9_]*$/, 'error.code is snake_case');
  assert.equal(typeof res.body.error.message, 'string');
  assert.ok(res.body.error.message.length > 0, 'error.message is not empty');
  assert.ok(Array.isArray(res.body.error.details), 'error.details is an array');
  if (code) assert.equal(res.body.error.code, code, JSON.stringify(res.body));
}

/** The `details[].path` values of an error response. */
export const errorPaths = (res: Res): string[] => (res.body?.error?.details ?? []).map((d: { path: string }) => d.path);

export async function inventory(s: TestServer, skuName: string) {
  const r = await s.api('GET', `/v1/inventory/${encodeURIComponent(skuName)}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { sku: string; on_hand: number; reserved: number; available: number; locations: { location: string; on_hand: number; reserved: number; available: number }[] };
}

export async function timelineTypes(s: TestServer, orderId: string): Promise<string[]> {
  const r = await s.api('GET', `/v1/orders/${orderId}/timeline`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.data.map((e: { type: string }) => e.type);
}

/** POST /v1/orders and insist on 201; returns the order. */
export async function place(s: TestServer, body: unknown, headers: Record<string, string> = {}) {
  const r = await s.api('POST', '/v1/orders', body, headers);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

/** Every order of the store (follows cursors). */
export async function allOrders(s: TestServer, query = ''): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const qs = new URLSearchParams(query);
    qs.set('limit', '200');
    if (cursor) qs.set('cursor', cursor);
    const r = await s.api('GET', `/v1/orders?${qs}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    out.push(...r.body.data);
    cursor = r.body.next_cursor;
    if (!cursor) return out;
  }
  throw new Error('too many pages');
}

/** Poll until `check` returns something truthy (or throw with what it last saw). */
export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The order's messages, oldest first. */
export async function messagesOf(s: TestServer, orderId: string): Promise<any[]> {
  const r = await s.api('GET', `/v1/messages?order_id=${orderId}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.data;
}

/** The customer's personal link in a message body: "/c/<token>". */
export function linkIn(body: string): string {
  const m = /\/c\/([A-Za-z0-9_-]{32})/.exec(body);
  assert.ok(m, `no confirmation link in: ${body}`);
  return `/c/${m[1]}`;
}
