import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import type { CanonicalEmail, NormalizedPhone } from './normalize/index.ts';

export interface CustomerFacts {
  name: string;
  phone: NormalizedPhone;
  email: CanonicalEmail | null;
}

/**
 * Find the customer an order belongs to by the keys that survive spelling: the E.164 phone
 * first, then the canonical email; make one when neither is known. Keys the customer did not
 * have yet (a new email) are linked to them, unless they already belong to someone else.
 * Runs in the order's transaction; two first orders from one new phone at once end up with
 * one customer because the identity row, not the customer row, is what is unique.
 */
export async function recognizeCustomer(ctx: Ctx, facts: CustomerFacts): Promise<{ id: string; isNew: boolean }> {
  const keys: { kind: string; value: string }[] = [];
  if (facts.phone.e164) keys.push({ kind: 'phone', value: facts.phone.e164 });
  if (facts.email?.canonical) keys.push({ kind: 'email', value: facts.email.canonical });

  let id = keys.length ? await lookup(ctx, keys) : null;
  let isNew = false;
  if (!id) {
    const proposed = newId('cus');
    id = (await claim(ctx, keys, proposed)) ?? proposed;
    isNew = id === proposed;
    if (isNew) {
      await ctx.db.query(
        `INSERT INTO customers (id, store_id, name, phone, phone_e164, phone_type, email, email_canonical, order_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)`,
        [id, ctx.store.id, facts.name, facts.phone.raw, facts.phone.e164, facts.phone.type, facts.email?.raw ?? null,
          facts.email?.canonical ?? null],
      );
      return { id, isNew };
    }
  }
  await link(ctx, keys, id);
  // The latest order's spelling is the one support should see first.
  await ctx.db.query(
    `UPDATE customers SET name = $3, phone = COALESCE($4, phone), phone_e164 = COALESCE($5, phone_e164),
       phone_type = COALESCE($6, phone_type), email = COALESCE($7, email), email_canonical = COALESCE($8, email_canonical),
       order_count = order_count + 1, updated_at = now()
     WHERE store_id = $1 AND id = $2`,
    [ctx.store.id, id, facts.name, facts.phone.raw || null, facts.phone.e164, facts.phone.type, facts.email?.raw ?? null,
      facts.email?.canonical ?? null],
  );
  return { id, isNew };
}

async function lookup(ctx: Ctx, keys: { kind: string; value: string }[]): Promise<string | null> {
  const [row] = await ctx.db.query<{ customer_id: string }>(
    `SELECT customer_id FROM customer_identities
      WHERE store_id = $1 AND (kind, value) IN (SELECT * FROM unnest($2::text[], $3::text[]))
      ORDER BY kind = 'phone' DESC LIMIT 1`,
    [ctx.store.id, keys.map((k) => k.kind), keys.map((k) => k.value)],
  );
  return row?.customer_id ?? null;
}

/** Take the keys for a new customer; if a concurrent order took one first, return its owner. */
async function claim(ctx: Ctx, keys: { kind: string; value: string }[], proposed: string): Promise<string | null> {
  for (const key of keys) {
    const [won] = await ctx.db.query(
      `INSERT INTO customer_identities (store_id, kind, value, customer_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING customer_id`,
      [ctx.store.id, key.kind, key.value, proposed],
    );
    if (!won) {
      const owner = await lookup(ctx, [key]);
      if (owner) {
        // Keys taken a moment ago for the customer we were about to make go to the owner.
        await ctx.db.query(`UPDATE customer_identities SET customer_id = $3 WHERE store_id = $1 AND customer_id = $2`, [
          ctx.store.id,
          proposed,
          owner,
        ]);
        return owner;
      }
    }
  }
  return null;
}

async function link(ctx: Ctx, keys: { kind: string; value: string }[], customerId: string) {
  if (!keys.length) return;
  await ctx.db.query(
    `INSERT INTO customer_identities (store_id, kind, value, customer_id)
     SELECT $1, k, v, $4 FROM unnest($2::text[], $3::text[]) AS t(k, v)
     ON CONFLICT DO NOTHING`,
    [ctx.store.id, keys.map((k) => k.kind), keys.map((k) => k.value), customerId],
  );
}
