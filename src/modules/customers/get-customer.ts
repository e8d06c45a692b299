import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { fromMinor } from '../../platform/money.ts';
import { linkSettings, personOf } from './link-identities.ts';
import { ORDER_OUTCOME_SQL as OUTCOME_SQL } from './order-outcome.ts';

export interface CustomerRow {
  id: string;
  group_id: string;
  name: string;
  phone: string | null;
  phone_e164: string | null;
  phone_type: string | null;
  email: string | null;
  email_canonical: string | null;
  order_count: number;
  tags: string[];
  created_at: Date;
  updated_at: Date;
}

const OUTCOMES = ['delivered', 'refused', 'returned', 'ghost', 'cancelled', 'open'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** How many of the person's orders the profile lists, newest first. */
const HISTORY_SHOWN = 50;

/**
 * The profile of a person: every customer record linked to this one (the identity graph), the
 * phones, emails and addresses they used (an address shared by too many people to link is
 * marked `weak`), their orders by outcome with the delivery success rate and lifetime value,
 * first and last order, tags, and the newest orders with how each ended, which is the history
 * behind the risk reasons. The profile reads the orders table directly (a read, never a write):
 * it is a report over orders, and going through the orders module would make the two modules
 * import each other.
 */
export async function getCustomer(ctx: Ctx, id: string) {
  const settings = linkSettings(ctx.store);
  const person = await personOf(ctx, id, settings);
  const rows = await ctx.db.query<CustomerRow>(
    `SELECT id, group_id, name, phone, phone_e164, phone_type, email, email_canonical, order_count, tags, created_at, updated_at
       FROM customers WHERE store_id = $1 AND id = ANY($2::text[])`,
    [ctx.store.id, person.members],
  );
  const row = rows.find((r) => r.id === id);
  if (!row) throw notFound('Customer');
  // Phones, emails and addresses are the person's own (strong links); the orders counted are
  // everyone's the analysis reads, household included, so the profile explains the reasons.
  const members = person.members;
  const own = members.filter((m) => !person.byAddress.some((b) => b.id === m));
  const others = person.members.filter((m) => m !== id).map((m) => rows.find((r) => r.id === m)!).filter(Boolean);
  const [identities, addresses, summary, history] = [
    await ctx.db.query<{ kind: string; value: string }>(
      `SELECT DISTINCT kind, value FROM customer_identities WHERE store_id = $1 AND customer_id = ANY($2::text[]) ORDER BY kind, value`,
      [ctx.store.id, own],
    ),
    await linkedAddresses(ctx, own, settings.linkCap),
    await outcomeSummary(ctx, members),
    await ctx.db.query<{ id: string; number: string; placed_at: Date; outcome: Outcome; status: string; total_minor: string; currency: string; customer_id: string }>(
      `SELECT id, number, placed_at, ${OUTCOME_SQL} AS outcome, status, total_minor, currency, customer_id
         FROM orders WHERE store_id = $1 AND customer_id = ANY($2::text[]) ORDER BY placed_at DESC, id DESC LIMIT ${HISTORY_SHOWN}`,
      [ctx.store.id, members],
    ),
  ];
  const { group_id: _group, ...customer } = row;
  void _group;
  return {
    ...customer,
    // The person's tags: a ghost under one phone is in the ghost box under the other too.
    tags: [...new Set(rows.flatMap((r) => r.tags))].sort(),
    linked_customers: others.map((r) => {
      const address = person.byAddress.find((b) => b.id === r.id)?.address_key;
      return { id: r.id, name: r.name, phone_e164: r.phone_e164, email_canonical: r.email_canonical, linked_by: address ? 'address' : 'phone_or_email', ...(address ? { address_key: address } : {}) };
    }),
    identities: {
      phones: identities.filter((i) => i.kind === 'phone').map((i) => i.value),
      emails: identities.filter((i) => i.kind === 'email').map((i) => i.value),
      addresses,
    },
    ...summary,
    orders: history.map((o) => ({
      id: o.id, number: Number(o.number), placed_at: o.placed_at, outcome: o.outcome, status: o.status,
      total: fromMinor(o.total_minor, o.currency), currency: o.currency, customer_id: o.customer_id,
    })),
  };
}

/** The addresses the person used, each with how many people share it (over the cap: weak, links nobody). */
async function linkedAddresses(ctx: Ctx, members: string[], cap: number) {
  const rows = await ctx.db.query<{ address_key: string; shared: number }>(
    `SELECT a.address_key,
            (SELECT count(*)::int FROM (SELECT 1 FROM customer_addresses s
               WHERE s.store_id = $1 AND s.address_key = a.address_key AND NOT s.customer_id = ANY($2::text[]) LIMIT 1000) x) AS shared
       FROM (SELECT DISTINCT address_key FROM customer_addresses WHERE store_id = $1 AND customer_id = ANY($2::text[])) a
      ORDER BY a.address_key LIMIT 50`,
    [ctx.store.id, members],
  );
  return rows.map((r) => ({ key: r.address_key, shared_with: r.shared, weak: r.shared > cap }));
}

/** Orders by outcome, the share of shipped parcels delivered and paid, lifetime value, first and last order. */
async function outcomeSummary(ctx: Ctx, members: string[]) {
  const rows = await ctx.db.query<{ outcome: Outcome; n: number; value: string | null; first_at: Date; last_at: Date }>(
    `SELECT ${OUTCOME_SQL} AS outcome, count(*)::int AS n,
            sum(total_minor) FILTER (WHERE currency = $3) AS value, min(placed_at) AS first_at, max(placed_at) AS last_at
       FROM orders WHERE store_id = $1 AND customer_id = ANY($2::text[]) GROUP BY 1`,
    [ctx.store.id, members, ctx.store.currency],
  );
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of rows) if (r.outcome in counts) counts[r.outcome] += r.n;
  const shipped = counts.delivered + counts.refused + counts.returned;
  const delivered = rows.find((r) => r.outcome === 'delivered');
  const times = rows.flatMap((r) => [new Date(r.first_at).getTime(), new Date(r.last_at).getTime()]);
  return {
    orders_by_outcome: counts,
    // Of the parcels that reached the door: null until one has.
    delivery_success_rate: shipped ? Math.round((1000 * counts.delivered) / shipped) / 1000 : null,
    lifetime_value: { amount: fromMinor(delivered?.value ?? 0, ctx.store.currency), currency: ctx.store.currency },
    first_order_at: times.length ? new Date(Math.min(...times)) : null,
    last_order_at: times.length ? new Date(Math.max(...times)) : null,
  };
}
