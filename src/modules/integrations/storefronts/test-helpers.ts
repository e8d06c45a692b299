import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { orderInput, type OrderInputDraft } from '../../orders/index.ts';

/** Raw bytes of a fixture: signatures are over bytes, and Shopify's 18-digit ids must stay text. */
export const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** A fixture with values edited in its text, keeping every other byte as published. */
export function edited(name: string, ...pairs: [string, string][]): Buffer {
  let s = fixture(name).toString('utf8');
  for (const [from, to] of pairs) {
    assert.ok(s.includes(from), `fixture ${name} has no ${from}`);
    s = s.split(from).join(to);
  }
  return Buffer.from(s);
}

export const sign = (body: Buffer, secret: string, encoding: 'base64' | 'hex') =>
  createHmac('sha256', secret).update(body).digest(encoding);

/** The same body with one byte changed. */
export function tamper(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  const i = copy.indexOf('"', 10);
  copy[i + 1] ^= 0x01;
  return copy;
}

/** Canonical validation passes, and the order adds up the way intake checks it. */
export function assertValidOrder(order: OrderInputDraft | undefined): void {
  assert.ok(order, 'event carries an order');
  const parsed = orderInput.safeParse(order);
  assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues));
  const cents = (v: string | null | undefined) => Math.round(Number(v ?? 0) * 1000);
  const lines = parsed.data.lines.reduce((sum, l) => sum + cents(l.unit_price) * l.quantity, 0);
  const d = parsed.data;
  assert.equal(lines - cents(d.discount_total) + cents(d.shipping_total) + cents(d.tax_total), cents(d.total), 'total adds up');
}
