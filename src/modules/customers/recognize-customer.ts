import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import type { CanonicalEmail, NormalizedPhone } from './normalize/index.ts';

export interface CustomerFacts {
  name: string;
  phone: NormalizedPhone;
  email: CanonicalEmail | null;
}

export interface Recognized {
  id: string;
  isNew: boolean;
  /**
   * Other customer records that own one of the order's keys (the email, when the phone is
   * someone's already): the same person, for the identity graph to join (`linkCustomer`).
   */
  sameKeysAs: string[];
}

type Key = { kind: string; value: string };

/**
 * Find the customer an order belongs to by the keys that survive spelling: the E.164 phone
 * first, then the canonical email; make one when neither is known. Keys the customer did not
 * have yet (a new email) are linked to them, unless they already belong to someone else.
 * Runs in the order's transaction; two first orders from one new phone at once end up with
 * one customer because the identity row, not the customer row, is what is unique.
 * Intake's hot path: two round trips in the common cases.
 */
export async function recognizeCustomer(ctx: Ctx, facts: CustomerFacts): Promise<Recognized> {
  const keys: Key[] = [];
  if (facts.phone.e164) keys.push({ kind: 'phone', value: facts.phone.e164 });
  if (facts.email?.canonical) keys.push({ kind: 'email', value: facts.email.canonical });
  const owners = keys.length ? await lookup(ctx, keys) : [];
  let id = owners[0];
  let isNew = false;
  if (id) await linkAndRefresh(ctx, id, keys, facts);
  else {
    const proposed = newId('cus');
    id = await claimAndCreate(ctx, proposed, keys, facts);
    isNew = id === proposed;
    if (!isNew) await linkAndRefresh(ctx, id, keys, facts);
  }
  return { id, isNew, sameKeysAs: owners.filter((o) => o !== id) };
}

const keyArrays = (keys: Key[]) => [keys.map((k) => k.kind), keys.map((k) => k.value)];

/** The owners of the keys, the phone's first. */
async function lookup(ctx: Ctx, keys: Key[], notCustomer = ''): Promise<string[]> {
  // Spelled out as (kind = … AND value = …) OR …: the planner reads that straight from the
  // primary key; a join against unnest() was planned as a scan of every identity.
  const params: unknown[] = [ctx.store.id, notCustomer];
  const match = keys.map((k) => `(kind = $${params.push(k.kind)} AND value = $${params.push(k.value)})`).join(' OR ');
  const rows = await ctx.db.query<{ customer_id: string }>(
    `SELECT customer_id FROM customer_identities
      WHERE store_id = $1 AND (${match}) AND customer_id <> $2
      ORDER BY kind = 'phone' DESC`,
    params,
  );
  return [...new Set(rows.map((r) => r.customer_id))];
}

/**
 * Take every key for a new customer and make the customer, in one statement. If a concurrent
 * order took a key first, the customer is not made here: the keys we did take go to that
 * key's owner, who is returned.
 */
async function claimAndCreate(ctx: Ctx, proposed: string, keys: Key[], f: CustomerFacts): Promise<string> {
  const [row] = await ctx.db.query<{ claimed: number }>(
    `WITH claimed AS (
       INSERT INTO customer_identities (store_id, kind, value, customer_id)
       SELECT $1, k, v, $2 FROM unnest($3::text[], $4::text[]) AS t(k, v)
       ON CONFLICT DO NOTHING RETURNING kind),
     made AS (
       INSERT INTO customers (id, store_id, group_id, name, phone, phone_e164, phone_type, email, email_canonical, order_count)
       SELECT $2, $1, $2, $5, $6, $7, $8, $9, $10, 1 WHERE (SELECT count(*) FROM claimed) = $11
       RETURNING id)
     SELECT (SELECT count(*)::int FROM claimed) AS claimed`,
    [ctx.store.id, proposed, ...keyArrays(keys), f.name, f.phone.raw, f.phone.e164, f.phone.type, f.email?.raw ?? null,
      f.email?.canonical ?? null, keys.length],
  );
  if (row.claimed === keys.length) return proposed;
  const [owner] = await lookup(ctx, keys, proposed);
  await ctx.db.query(`UPDATE customer_identities SET customer_id = $3 WHERE store_id = $1 AND customer_id = $2`, [
    ctx.store.id, proposed, owner,
  ]);
  return owner;
}

/** Link keys the customer did not have yet and keep the latest spelling for support to see. */
async function linkAndRefresh(ctx: Ctx, customerId: string, keys: Key[], f: CustomerFacts) {
  await ctx.db.query(
    `WITH linked AS (
       INSERT INTO customer_identities (store_id, kind, value, customer_id)
       SELECT $1, k, v, $2 FROM unnest($3::text[], $4::text[]) AS t(k, v)
       ON CONFLICT DO NOTHING)
     UPDATE customers SET name = $5, phone = COALESCE($6, phone), phone_e164 = COALESCE($7, phone_e164),
       phone_type = COALESCE($8, phone_type), email = COALESCE($9, email), email_canonical = COALESCE($10, email_canonical),
       order_count = order_count + 1, updated_at = now()
     WHERE store_id = $1 AND id = $2`,
    [ctx.store.id, customerId, ...keyArrays(keys), f.name, f.phone.raw || null, f.phone.e164, f.phone.type,
      f.email?.raw ?? null, f.email?.canonical ?? null],
  );
}
