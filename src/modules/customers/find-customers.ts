import type { Ctx } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { getCustomer } from './get-customer.ts';
import { canonicalEmail, normalizePhone } from './normalize/index.ts';
import { customersTagged, normalizeTag } from './tags.ts';

/**
 * Customers by a phone in any form or an email in any spelling: whoever owns that key. With
 * only a `tag`, everyone who carries it; with a tag and a key, the key's owner if tagged.
 */
export async function findCustomers(ctx: Ctx, query: { phone?: string; email?: string; tag?: string }) {
  if (query.tag !== undefined && !query.phone && !query.email) return customersTagged(ctx, query.tag);
  const keys: { kind: string; value: string }[] = [];
  if (query.phone) {
    const phone = normalizePhone(query.phone, [ctx.store.country]);
    if (!phone.readable) throw badRequest('phone is not a phone number', [{ path: 'query.phone', message: 'is not a phone number' }]);
    if (phone.e164) keys.push({ kind: 'phone', value: phone.e164 });
  }
  if (query.email) {
    const email = canonicalEmail(query.email);
    if (!email.valid) throw badRequest('email is not an email address', [{ path: 'query.email', message: 'is not an email address' }]);
    keys.push({ kind: 'email', value: email.canonical! });
  }
  if (!query.phone && !query.email) throw badRequest('Give a phone, an email or a tag to look for', [{ path: 'query', message: 'phone, email or tag is required' }]);
  if (!keys.length) return { data: [], next_cursor: null };
  const params: unknown[] = [ctx.store.id];
  const match = keys.map((k) => `(kind = $${params.push(k.kind)} AND value = $${params.push(k.value)})`).join(' OR ');
  const tagged = query.tag === undefined ? ''
    : ` AND customer_id IN (SELECT id FROM customers WHERE store_id = $1 AND tags @> ARRAY[$${params.push(normalizeTag(query.tag, 'query.tag'))}::text])`;
  const rows = await ctx.db.query<{ customer_id: string }>(
    `SELECT DISTINCT customer_id FROM customer_identities WHERE store_id = $1 AND (${match})${tagged}`,
    params,
  );
  return { data: await Promise.all(rows.map((r) => getCustomer(ctx, r.customer_id))), next_cursor: null };
}
