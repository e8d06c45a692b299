import type { Sql } from '../../platform/db.ts';
import type { Actor, Ctx, StoreInfo } from '../../platform/context.ts';
import type { Services } from '../../platform/services.ts';
import { newId } from '../../platform/ids.ts';
import { notFound, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { DEFAULT_SETTINGS, mergeSettings, maskSecrets, messagingProblems, type SettingsPatch } from './settings.ts';

type StoreRow = StoreInfo;

// Order numbers come from a sequence per store: no row lock shared by every order, so
// concurrent intake does not queue on one counter. A rolled-back order leaves a gap, as
// merchants are used to from every shop system.
export const orderNumberSequence = (storeId: string) => `"order_number_${storeId}"`;

export async function createStore(
  db: Sql,
  input: { name: string; country: string; currency: string; timezone: string; locale: string },
): Promise<StoreInfo> {
  const id = newId('str');
  await db.query(
    `INSERT INTO stores (id, name, country, currency, timezone, locale, settings) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, input.name, input.country, input.currency, input.timezone, input.locale, JSON.stringify(DEFAULT_SETTINGS)],
  );
  await db.exec(`CREATE SEQUENCE IF NOT EXISTS ${orderNumberSequence(id)} START 1001`);
  return { id, ...input, settings: DEFAULT_SETTINGS };
}

const STORE_CACHE_MS = 2_000;
const storeCache = new Map<string, { store: StoreInfo; at: number }>();
/**
 * When each store's settings were last being written. The cache is emptied inside the writing
 * transaction, so a request in the moments before it commits would read the old row and keep
 * it; for a few seconds after a write began, the store is read fresh and not kept.
 */
const writing = new Map<string, number>();
const WRITE_SETTLES_MS = 5_000;

export async function getStore(db: Sql, id: string, opts: { fresh?: boolean } = {}): Promise<StoreInfo> {
  const hit = storeCache.get(id);
  if (!opts.fresh && hit && Date.now() - hit.at < STORE_CACHE_MS) return hit.store;
  const [row] = await db.query<StoreRow>(
    `SELECT id, name, country, currency, timezone, locale, settings FROM stores WHERE id = $1`,
    [id],
  );
  if (!row) throw notFound('Store');
  if (Date.now() - (writing.get(id) ?? 0) > WRITE_SETTLES_MS) storeCache.set(id, { store: row, at: Date.now() });
  return row;
}

export async function firstStoreId(db: Sql): Promise<string | null> {
  const [row] = await db.query<{ id: string }>(`SELECT id FROM stores ORDER BY id LIMIT 1`);
  return row?.id ?? null;
}

export async function updateStoreSettings(db: Sql, storeId: string, patch: SettingsPatch): Promise<StoreInfo> {
  return (await writeSettings(db, storeId, patch)).after;
}

/**
 * PATCH /v1/store/settings: the change and its `store.settings_changed` event, which names the
 * top-level settings that changed (`messaging`, `timezone`) and never their values: some are
 * secrets. A patch that changes nothing records nothing.
 */
export async function changeStoreSettings(ctx: Ctx, patch: SettingsPatch): Promise<StoreInfo> {
  const { before, after } = await writeSettings(ctx.db, ctx.store.id, patch);
  const column: Record<string, keyof StoreInfo> = { name: 'name', default_country: 'country', currency: 'currency', timezone: 'timezone', locale: 'locale' };
  const changed = Object.keys(patch).filter((key) => {
    if ((patch as Record<string, unknown>)[key] === undefined) return false;
    const col = column[key];
    return col ? before[col] !== after[col] : JSON.stringify(before.settings[key]) !== JSON.stringify(after.settings[key]);
  });
  if (changed.length) await recordEvent(ctx, 'store.settings_changed', ctx.store.id, { changed });
  return after;
}

async function writeSettings(db: Sql, storeId: string, patch: SettingsPatch): Promise<{ before: StoreInfo; after: StoreInfo }> {
  const [row] = await db.query<StoreRow>(
    `SELECT id, name, country, currency, timezone, locale, settings FROM stores WHERE id = $1 FOR UPDATE`,
    [storeId],
  );
  if (!row) throw notFound('Store');
  const { name, default_country, currency, timezone, locale, ...rest } = patch;
  const next: StoreRow = {
    ...row,
    name: name ?? row.name,
    country: default_country ?? row.country,
    currency: currency ?? row.currency,
    timezone: timezone ?? row.timezone,
    locale: locale ?? row.locale,
    settings: mergeSettings(row.settings, rest as Record<string, unknown>),
  };
  const problems = messagingProblems(next.settings.messaging as Record<string, unknown> | undefined);
  if (problems.length) throw unprocessable(`${problems[0].path} ${problems[0].message}`, problems);
  await db.query(
    `UPDATE stores SET name = $2, country = $3, currency = $4, timezone = $5, locale = $6, settings = $7, updated_at = now()
      WHERE id = $1`,
    [storeId, next.name, next.country, next.currency, next.timezone, next.locale, JSON.stringify(next.settings)],
  );
  writing.set(storeId, Date.now());
  storeCache.delete(storeId);
  return { before: row, after: next };
}

/** The store as API clients see it: secrets replaced by `<name>_set: true`. */
export function storeView(store: StoreInfo) {
  return {
    id: store.id,
    name: store.name,
    country: store.country,
    currency: store.currency,
    timezone: store.timezone,
    locale: store.locale,
    settings: maskSecrets(store.settings),
  };
}

/** The context a background job or a public page acts in: one store, a named actor, now. */
export async function storeCtx(services: Services, storeId: string, actor: Actor): Promise<Ctx> {
  return { db: services.db, store: await getStore(services.db, storeId), actor, now: () => new Date(), log: services.log };
}
