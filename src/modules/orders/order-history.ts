import type { Ctx } from '../../platform/context.ts';
import { ORDER_OUTCOME_SQL } from '../customers/index.ts';

export const HISTORY_OUTCOMES = ['delivered', 'refused', 'returned', 'ghost', 'cancelled', 'open'] as const;
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number];

/** How an order ended (the customers module's reading, shared with the profile). */
export const OUTCOME_SQL = ORDER_OUTCOME_SQL;

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
  /** Every customer record of the person (the identity graph's group). */
  members: string[];
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
const VELOCITY_LIMIT = 1000;

/**
 * Everything customer analysis needs from the orders, in one statement: how the person's
 * earlier orders ended (with the keys they share with this one), the orders by each key in the
 * velocity window, and the person's open orders that carry the same SKUs. Each part reads an
 * index: (store, customer) for the person, (store, address_key, placed_at) and
 * (store, client_ip, placed_at) for the keys anyone can share.
 */
export async function riskHistory(ctx: Ctx, q: HistoryQuery): Promise<RiskHistory> {
  const since = new Date(q.at.getTime() - q.windowHours * 3_600_000);
  const [row] = await ctx.db.query<{ outcomes: RawOutcome[] | null; v_phone: number; v_email: number; v_address: number; v_ip: number; duplicates: RawDuplicate[] | null }>(
    `WITH h AS (
       SELECT id, number, placed_at, customer_phone_e164, customer_email_canonical, address_key, ${OUTCOME_SQL} AS outcome
         FROM orders
        WHERE store_id = $1 AND customer_id = ANY($2::text[]) AND id <> $3
        ORDER BY id DESC LIMIT ${HISTORY_LIMIT}),
     outcomes AS (
       SELECT outcome, count(*)::int AS n, (array_agg(number ORDER BY placed_at DESC))[1:5] AS numbers, max(placed_at) AS last_at,
              array_remove(ARRAY[CASE WHEN bool_or(customer_phone_e164 = $4) THEN 'phone' END,
                                 CASE WHEN bool_or(customer_email_canonical = $5) THEN 'email' END,
                                 CASE WHEN bool_or(address_key = $6) THEN 'address' END], NULL) AS via
         FROM h GROUP BY outcome),
     dup AS (
       SELECT h.number, h.placed_at, array_agg(DISTINCT l.sku ORDER BY l.sku) AS skus
         FROM h JOIN order_lines l ON l.store_id = $1 AND l.order_id = h.id
        WHERE h.outcome = 'open' AND l.sku = ANY($8::text[])
        GROUP BY h.number, h.placed_at)
     SELECT (SELECT json_agg(outcomes) FROM outcomes) AS outcomes,
            (SELECT count(*)::int FROM h WHERE customer_phone_e164 = $4 AND placed_at > $9 AND placed_at <= $10) AS v_phone,
            (SELECT count(*)::int FROM h WHERE customer_email_canonical = $5 AND placed_at > $9 AND placed_at <= $10) AS v_email,
            (SELECT count(*)::int FROM (SELECT 1 FROM orders WHERE store_id = $1 AND address_key = $6 AND placed_at > $9
                AND placed_at <= $10 AND id <> $3 LIMIT ${VELOCITY_LIMIT}) a) AS v_address,
            (SELECT count(*)::int FROM (SELECT 1 FROM orders WHERE store_id = $1 AND client_ip = $7 AND placed_at > $9
                AND placed_at <= $10 AND id <> $3 LIMIT ${VELOCITY_LIMIT}) i) AS v_ip,
            (SELECT json_agg(dup ORDER BY dup.placed_at DESC) FROM dup) AS duplicates`,
    [ctx.store.id, q.members, q.orderId ?? '', q.phone, q.email, q.addressKey, q.ip, q.skus, since, q.at],
  );
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
