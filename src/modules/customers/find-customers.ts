import type { Ctx } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { getCustomer } from './get-customer.ts';
import { canonicalEmail, normalizePhone } from './normalize/index.ts';
import { listCustomers, type ListQuery } from './list-customers.ts';
import { normalizeTag } from './tags.ts';

/**
 * Customers by a phone in any form or an email in any spelling: whoever owns that key, as a
 * profile (with a tag as well: the key's owner if tagged). Otherwise, with `q`, a `tag`, a
 * `limit` or a `cursor`, the customers list (`listCustomers`). Bare, it is a 400, as before the
 * list existed: a client asking for nothing gets told what it may ask.
 */
export async function findCustomers(ctx: Ctx, query: ListQuery & { phone?: string; email?: string }) {
  const lookup = Boolean(query.phone || query.email);
  if (lookup && (query.q || query.cursor)) {
    throw badRequest('Look a customer up by phone or email, or search the list with q: not both', [
      { path: query.q ? 'query.q' : 'query.cursor', message: 'cannot be combined with phone or email' },
    ]);
  }
  if (!lookup && (query.q !== undefined || query.tag !== undefined || query.limit !== undefined || query.cursor !== undefined)) {
    return listCustomers(ctx, query);
  }
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
  if (!lookup) throw badRequest('Give q, a phone, an email, a tag or a limit', [{ path: 'query', message: 'q, phone, email, tag or limit is required' }]);
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
