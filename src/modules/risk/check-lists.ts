import type { Ctx } from '../../platform/context.ts';
import { runPart, type Placeholder, type SqlPart } from '../../platform/sql-parts.ts';
import { canonicalEmail, phoneLast9 } from '../customers/index.ts';
import { ENTRY_COLUMNS, type ListEntry } from './list-entry.ts';
import { normalizeIp } from './list-keys.ts';

/** What intake knows about an order that a list can name. */
export interface ListFacts {
  /** The order's phone in E.164, null when it did not validate. */
  phoneE164?: string | null;
  /** The phone as written: matched by its last 9 digits when it did not validate. */
  phoneRaw?: string | null;
  /** The email (canonicalised here too, so a raw one does as well). */
  email?: string | null;
  /** The client's IP in any spelling. */
  ip?: string | null;
  /** `addressKey(shipping_address)`. */
  addressKey?: string | null;
}

export interface ListMatches {
  blocked: ListEntry[];
  allowed: ListEntry[];
}

/**
 * Every blocklist and allowlist entry that names this order, in one query (it runs at intake
 * on every order, as a part of the analysis' one statement): each fact is an equality on the unique index (store_id, list, type, key).
 * Phones also match by their last 9 digits (the `risk_lists_last9` index) when the order's
 * number did not validate, or when the entry's did not: a number kept on a list from a note,
 * or typed for the wrong country, still finds the customer.
 */
export async function checkLists(ctx: Ctx, facts: ListFacts): Promise<ListMatches> {
  return runPart(ctx.db, ($) => listsPart(ctx, $, facts));
}

/** The same, as a part of a larger statement (intake runs it with the rest of the analysis). */
export function listsPart(ctx: Ctx, $: Placeholder, facts: ListFacts): SqlPart<ListMatches> {
  const phone = facts.phoneE164 || null;
  const last9 = phoneLast9(phone ?? facts.phoneRaw ?? '') || null;
  const email = facts.email ? canonicalEmail(facts.email).canonical : null;
  const ip = facts.ip ? normalizeIp(facts.ip) : null;
  const address = facts.addressKey || null;
  const p = $(phone);
  const sql = `SELECT json_agg(e ORDER BY e.id) FROM (SELECT ${ENTRY_COLUMNS} FROM risk_lists
      WHERE store_id = ${$(ctx.store.id)} AND list IN ('block', 'allow') AND (
            (type = 'phone' AND key = ${p})
         OR (type = 'phone' AND last9 = ${$(last9)} AND (${p}::text IS NULL OR key NOT LIKE '+%'))
         OR (type = 'email' AND key = ${$(email)})
         OR (type = 'ip' AND key = ${$(ip)})
         OR (type = 'address' AND key = ${$(address)}))) e`;
  return {
    sql,
    read(value) {
      const rows = ((value as (ListEntry & { created_at: string })[] | null) ?? []).map((r) => ({ ...r, created_at: new Date(r.created_at) }));
      return { blocked: rows.filter((r) => r.list === 'block'), allowed: rows.filter((r) => r.list === 'allow') };
    },
  };
}
