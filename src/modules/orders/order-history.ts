import type { Ctx } from '../../platform/context.ts';
import type { Placeholder, SqlPart } from '../../platform/sql-parts.ts';

export const HISTORY_OUTCOMES = ['delivered', 'refused', 'returned', 'ghost', 'cancelled', 'open'] as const;
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number];

export interface OutcomeCount {
  n: number;
  /** The newest such order, so a reason can say which one and when. */
  last_number: number;
  last_at: Date;
  /** The newest five, newest first. */
  orders: number[];
  /** Which of the new order's keys these orders share (phone, email, address). */
  via: string[];
}

export interface HistoryQuery {
  /** Every customer record of the person (the identity graph's group), or SQL that yields them (text[]). */
  members: string[] | { sql: string };
  /** The order being judged, left out of its own history (when re-running). */
  orderId: string | null;
  phone: string | null;
  email: string | null;
  addressKey: string | null;
  ip: string | null;
  skus: string[];
  /** Velocity counts orders in (at − window, at]. */
  at: Date;
  windowHours: number;
}

export interface RiskHistory {
  outcomes: Partial<Record<HistoryOutcome, OutcomeCount>>;
  velocity: { phone: number; email: number; ip: number; address: number };
  duplicates: { number: number; placed_at: Date; skus: string[] }[];
}

/** A person with more orders than this is judged on the newest ones: enough to say what they do
 * (a shared phone with thousands of orders would otherwise cost milliseconds per new order). */
const HISTORY_LIMIT = 300;
/** Counting a burst past this tells nothing more (and a courier desk's address has thousands). */
const VELOCITY_LIMIT = 100;

/**
 * Everything customer analysis needs from the orders, in one query: how the person's
 * earlier orders ended (with the keys they share with this one), the orders by each key in the
 * velocity window, and the person's open orders that carry the same SKUs. Each part reads an
 * index: (store, customer), which covers every column the history needs (an index-only scan:
 * a settled order's `outcome` is written on it), for the person, (store, address_key, placed_at) and
 * (store, client_ip, placed_at) for the keys anyone can share.
 */
/** As a part of one larger statement: intake runs it with the rest of the analysis. */
export function historyPart(ctx: Ctx, $: Placeholder, q: HistoryQuery): SqlPart<RiskHistory> {
  const since = new Date(q.at.getTime() - q.windowHours * 3_600_000);
  const [store, order, phone, email, address, from, to] = [ctx.store.id, q.orderId ?? '', q.phone, q.email, q.addressKey, since, q.at].map($);
  // Per member, newest first, straight off the index, so each scan stops after the newest
  // HISTORY_LIMIT: a phone with thousands of orders costs what one with 300 does (over
  // `customer_id = ANY(…)` PostgreSQL 15 reads every order of every member, then sorts).
  const sql = `WITH h AS (
       SELECT o.* FROM unnest(${Array.isArray(q.members) ? `${$(q.members)}::text[]` : q.members.sql}) AS m(customer_id)
        CROSS JOIN LATERAL (
          SELECT id, number, placed_at, customer_phone_e164, customer_email_canonical, address_key, COALESCE(outcome, 'open') AS outcome
            FROM orders
           WHERE store_id = ${store} AND customer_id = m.customer_id AND id <> ${order}
           ORDER BY id DESC LIMIT ${HISTORY_LIMIT}) o
        ORDER BY o.id DESC LIMIT ${HISTORY_LIMIT}),
     outcomes AS (
       SELECT outcome, count(*)::int AS n, (array_agg(number ORDER BY placed_at DESC))[1:5] AS numbers, max(placed_at) AS last_at,
              array_remove(ARRAY[CASE WHEN bool_or(customer_phone_e164 = ${phone}) THEN 'phone' END,
                                 CASE WHEN bool_or(customer_email_canonical = ${email}) THEN 'email' END,
                                 CASE WHEN bool_or(address_key = ${address}) THEN 'address' END], NULL) AS via
         FROM h GROUP BY outcome),
     dup AS (
       -- Per open order, through its lines' index: a join let the planner scan every line of
       -- the store while the table was small, and keep that plan.
       SELECT h.number, h.placed_at, d.skus
         FROM h CROSS JOIN LATERAL (
           SELECT array_agg(DISTINCT l.sku ORDER BY l.sku) AS skus FROM order_lines l
            WHERE l.store_id = ${store} AND l.order_id = h.id AND l.sku = ANY(${$(q.skus)}::text[])) d
        WHERE h.outcome = 'open' AND d.skus IS NOT NULL)
     SELECT json_build_object(
       'outcomes', (SELECT json_agg(outcomes) FROM outcomes),
       'v_phone', (SELECT count(*) FROM h WHERE customer_phone_e164 = ${phone} AND placed_at > ${from} AND placed_at <= ${to}),
       'v_email', (SELECT count(*) FROM h WHERE customer_email_canonical = ${email} AND placed_at > ${from} AND placed_at <= ${to}),
       'v_address', (SELECT count(*) FROM (SELECT 1 FROM orders WHERE store_id = ${store} AND address_key = ${address}
           AND placed_at > ${from} AND placed_at <= ${to} AND id <> ${order} LIMIT ${VELOCITY_LIMIT}) a),
       'v_ip', (SELECT count(*) FROM (SELECT 1 FROM orders WHERE store_id = ${store} AND client_ip = ${$(q.ip)}
           AND placed_at > ${from} AND placed_at <= ${to} AND id <> ${order} LIMIT ${VELOCITY_LIMIT}) i),
       'duplicates', (SELECT json_agg(dup ORDER BY dup.placed_at DESC) FROM dup))`;
  return {
    sql,
    read(value) {
      const row = value as { outcomes: RawOutcome[] | null; v_phone: number; v_email: number; v_address: number; v_ip: number; duplicates: RawDuplicate[] | null };
      const outcomes: RiskHistory['outcomes'] = {};
      for (const o of row.outcomes ?? []) {
        outcomes[o.outcome] = {
          n: o.n, last_number: Number(o.numbers[0]), last_at: new Date(o.last_at), orders: o.numbers.map(Number), via: o.via,
        };
      }
      return {
        outcomes,
        velocity: { phone: row.v_phone, email: row.v_email, ip: row.v_ip, address: row.v_address },
        duplicates: (row.duplicates ?? []).map((d) => ({ number: Number(d.number), placed_at: new Date(d.placed_at), skus: d.skus })),
      };
    },
  };
}

interface RawOutcome {
  outcome: HistoryOutcome;
  n: number;
  numbers: (string | number)[];
  last_at: string;
  via: string[];
}

interface RawDuplicate {
  number: string | number;
  placed_at: string;
  skus: string[];
}
