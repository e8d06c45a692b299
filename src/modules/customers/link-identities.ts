import type { Ctx, StoreInfo } from '../../platform/context.ts';
import { runPart, type Placeholder, type SqlPart } from '../../platform/sql-parts.ts';

/**
 * The identity graph. A phone or an email is one person's, so customer records that share one
 * are joined for good (`customers.group_id`, a union-find relabelled on merge, never past
 * `maxGroup` records). An address can be many people's (a family home, an office, a courier
 * desk), so it is never merged: it links the people who used it each time the person is read,
 * and only while at most `linkCap` other customers share it. Beyond that it is a weak link,
 * shown on the profile, that links nobody; and since it is read fresh, a door that becomes a
 * courier desk stops linking its earlier customers too. No key, however common, makes a giant
 * merge.
 */
export interface LinkSettings {
  linkCap: number;
  maxGroup: number;
  /**
   * How many of the person's newest addresses are looked at for others who share them: the
   * profile shows 50; intake reads fewer (`INTAKE_ADDRESSES`), since each is a probe and a
   * record on a shared phone may have thousands.
   */
  addresses: number;
}

export const DEFAULT_LINKS: LinkSettings = { linkCap: 3, maxGroup: 25, addresses: 50 };
/** The addresses intake looks at: a customer rarely has more; past them the newest tell enough. */
export const INTAKE_ADDRESSES = 20;

/** The store's links: `risk.link_cap` is a store setting (customer analysis), the group cap is not. */
export const linkSettings = (store: StoreInfo): LinkSettings => ({
  ...DEFAULT_LINKS,
  linkCap: (store.settings.risk as { link_cap?: number | null } | undefined)?.link_cap ?? DEFAULT_LINKS.linkCap,
});

export interface CustomerGroup {
  /** The person's group id (strong links). */
  id: string;
  /** Every customer record of the person: the strong group first, then those linked by a shared address. */
  members: string[];
  /** Customers linked by an address only, with the address. */
  byAddress: { id: string; address_key: string }[];
  /** Addresses the person shares with too many others to link them. */
  weak: { key: string; shared: number }[];
}

/** An address this short ("x", "-", a city alone) says too little to join anyone by. */
const MIN_ADDRESS_LINE = 8;

export function linkableAddress(key: string | null): boolean {
  if (!key) return false;
  const line = key.split('|').slice(3).join('|');
  return line.replace(/\s+/g, '').length >= MIN_ADDRESS_LINE;
}

/**
 * Record that `customerId` used `addressKey`, join its records with those that share its phone
 * or email (`sameKeysAs`, from `recognizeCustomer`), and return the person. One statement in
 * the common case (nothing to join). Intake does the same in its analysis statement
 * (`joinSameKeys`, then `personPart` inside the assessment).
 */
export async function linkCustomer(
  ctx: Ctx,
  customerId: string,
  link: { sameKeysAs: string[]; addressKey: string | null },
  settings: LinkSettings = DEFAULT_LINKS,
): Promise<CustomerGroup> {
  await joinSameKeys(ctx, customerId, link.sameKeysAs, settings);
  return personOf(ctx, customerId, settings, link.addressKey);
}

/**
 * Join the customer's records with the others that own one of its phones or emails (nothing
 * to do, and no statement, in the common case: `sameKeysAs` is empty).
 */
export async function joinSameKeys(ctx: Ctx, customerId: string, sameKeysAs: string[], settings: LinkSettings = DEFAULT_LINKS): Promise<void> {
  if (!sameKeysAs.length) return;
  const rows = await ctx.db.query<{ group_id: string }>(
    `SELECT DISTINCT group_id FROM customers WHERE store_id = $1 AND (id = $2 OR id = ANY($3::text[]))`,
    [ctx.store.id, customerId, sameKeysAs],
  );
  if (rows.length > 1) await mergeGroups(ctx, rows.map((r) => r.group_id), settings.maxGroup);
}

/**
 * Relabel every record of the groups with the smallest group id (so two orders joining the
 * same groups at once agree on the result). Refused when the person would grow past the cap.
 */
async function mergeGroups(ctx: Ctx, groups: string[], maxGroup: number): Promise<void> {
  // (The smallest id wins; sorting strings is enough since ids are fixed-width.)
  const root = [...groups].sort()[0];
  const [row] = await ctx.db.query<{ size: number }>(
    `WITH size AS (SELECT count(*)::int AS n FROM customers WHERE store_id = $1 AND group_id = ANY($2::text[])),
     moved AS (
       UPDATE customers SET group_id = $3, updated_at = now()
        WHERE store_id = $1 AND group_id = ANY($2::text[]) AND group_id <> $3 AND (SELECT n FROM size) <= $4)
     SELECT n AS size FROM size`,
    [ctx.store.id, groups, root, maxGroup],
  );
  if (row.size > maxGroup) {
    ctx.log.info({ groups, size: row.size }, 'customer groups not merged: the person would be too large');
  }
}

/** The person a customer belongs to (see `personPart`), read on its own. */
export async function personOf(ctx: Ctx, customerId: string, settings: LinkSettings = DEFAULT_LINKS, newAddress: string | null = null): Promise<CustomerGroup> {
  return runPart(ctx.db, ($) => personPart(ctx, $, customerId, settings, newAddress));
}

/** A person as a part of a larger statement: with `members`, the SQL of their ids (text[]). */
export type PersonPart = SqlPart<CustomerGroup> & { members: string };

/**
 * The person a customer belongs to: the strong group, and the customers of the group's
 * newest addresses (`settings.addresses`) that at most `linkCap` others share. `newAddress` is recorded as
 * the customer's too; the statement cannot see its own insert, so it is also read from the
 * parameter. Its CTEs (`person_*`) go in the statement's WITH; `members` may be used by the
 * other parts of the same statement (customer analysis reads the person's history with it).
 */
export function personPart(ctx: Ctx, $: Placeholder, customerId: string, settings: LinkSettings, newAddress: string | null): PersonPart {
  // An address too short to say anything is not recorded, nor links anyone.
  const [store, customer, address] = [ctx.store.id, customerId, linkableAddress(newAddress) ? newAddress : null].map($);
  const cap = $(settings.linkCap);
  const addresses = $(settings.addresses);
  const withSql = `person_ins AS (
       INSERT INTO customer_addresses (store_id, address_key, customer_id)
       SELECT ${store}, ${address}, ${customer} WHERE ${address}::text IS NOT NULL ON CONFLICT DO NOTHING),
     person_g AS (
       SELECT id, group_id FROM customers
        WHERE store_id = ${store} AND group_id = (SELECT group_id FROM customers WHERE store_id = ${store} AND id = ${customer})
        ORDER BY id = ${customer} DESC, id LIMIT ${$(settings.maxGroup)}),
     person_addr AS (
       SELECT address_key FROM (
         -- Each record's newest ones off the index: a record on a shared phone may have thousands.
         SELECT a.address_key, a.created_at FROM person_g g CROSS JOIN LATERAL (
           SELECT address_key, created_at FROM customer_addresses
            WHERE store_id = ${store} AND customer_id = g.id ORDER BY created_at DESC LIMIT ${addresses}) a
         UNION ALL SELECT ${address}, now() WHERE ${address}::text IS NOT NULL) a
        GROUP BY address_key ORDER BY max(created_at) DESC LIMIT ${addresses}),
     person_shared AS (
       SELECT s.customer_id AS id, addr.address_key, count(*) OVER (PARTITION BY addr.address_key)::int AS sharers
         FROM person_addr addr CROSS JOIN LATERAL (
           SELECT customer_id FROM customer_addresses c
            WHERE c.store_id = ${store} AND c.address_key = addr.address_key AND c.customer_id NOT IN (SELECT id FROM person_g)
            LIMIT ${cap}::int + 1) s),
     person_members AS (
       SELECT array_agg(id) AS ids FROM (
         SELECT id FROM (SELECT id, 0 AS k FROM person_g UNION ALL SELECT id, 1 FROM person_shared WHERE sharers <= ${cap}) m
          GROUP BY id ORDER BY min(k), id LIMIT ${$(settings.maxGroup)}) m)`;
  const sql = `SELECT json_build_object(
      'g', (SELECT json_agg(json_build_object('id', id, 'group_id', group_id)) FROM person_g),
      'shared', (SELECT json_agg(json_build_object('id', id, 'address_key', address_key)) FROM person_shared))`;
  return {
    with: withSql,
    sql,
    // The customer alone when they have no record yet (their order is being rolled back).
    members: `COALESCE((SELECT ids FROM person_members), ARRAY[${customer}]::text[])`,
    read(value) {
      const v = value as { g: { id: string; group_id: string }[] | null; shared: { id: string; address_key: string }[] | null };
      return groupOf(customerId, v.g ?? [], v.shared ?? [], settings);
    },
  };
}

/** Strong records first, then those an address links, the rest of the shared addresses weak. */
function groupOf(customerId: string, strong: { id: string; group_id: string }[], sharedRows: { id: string; address_key: string }[], settings: LinkSettings): CustomerGroup {
  if (!strong.length) return { id: customerId, members: [customerId], byAddress: [], weak: [] };
  const shared = new Map<string, string[]>();
  for (const r of sharedRows) shared.set(r.address_key, [...(shared.get(r.address_key) ?? []), r.id]);
  const byAddress: CustomerGroup['byAddress'] = [];
  const weak: CustomerGroup['weak'] = [];
  for (const [key, ids] of shared) {
    if (ids.length > settings.linkCap) weak.push({ key, shared: ids.length });
    else for (const id of ids) if (!byAddress.some((b) => b.id === id)) byAddress.push({ id, address_key: key });
  }
  const members = [...strong.map((r) => r.id), ...byAddress.map((b) => b.id)].slice(0, settings.maxGroup);
  return { id: strong[0].group_id, members, byAddress, weak };
}
