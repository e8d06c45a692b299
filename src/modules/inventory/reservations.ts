import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';

export interface Shortage {
  sku: string;
  requested: number;
  available: number;
}

/**
 * Hold stock for an order, all or nothing, inside the caller's transaction (the one that
 * writes the order). Each UPDATE re-checks `on_hand - reserved` on the row it locks, so two
 * orders racing for the last units cannot both succeed. SKUs are taken in sorted order so
 * concurrent orders lock rows in the same order and do not deadlock.
 * Returns the shortages; when there are any, nothing was reserved by this call (the caller
 * rolls back or records a hold).
 */
export async function reserveStock(ctx: Ctx, orderId: string, lines: { sku: string; quantity: number }[]): Promise<Shortage[]> {
  const wanted = new Map<string, number>();
  for (const l of lines) wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.quantity);
  const held: Held[] = [];
  const short: Shortage[] = [];
  for (const sku of [...wanted.keys()].sort()) {
    const quantity = wanted.get(sku)!;
    const got = (await reserveFromOneLocation(ctx, orderId, sku, quantity)) ?? (await reserveAcrossLocations(ctx, orderId, sku, quantity));
    if (got.length) held.push(...got);
    else short.push({ sku, requested: quantity, available: await availableOf(ctx, sku) });
  }
  if (short.length) await undo(ctx, held);
  return short;
}

interface Held {
  id: string;
  sku: string;
  location: string;
  quantity: number;
}

// The common case, one statement: take the stock at the location that has enough ("main"
// first) and write the order's reservation for it.
async function reserveFromOneLocation(ctx: Ctx, orderId: string, sku: string, quantity: number): Promise<Held[] | null> {
  const id = newId('rsv');
  const [row] = await ctx.db.query<{ location: string }>(
    `WITH taken AS (
       UPDATE stock_levels SET reserved = reserved + $3, updated_at = now()
        WHERE store_id = $1 AND sku = $2 AND on_hand - reserved >= $3 AND location = (
          SELECT location FROM stock_levels WHERE store_id = $1 AND sku = $2 AND on_hand - reserved >= $3
           ORDER BY location = 'main' DESC, on_hand - reserved DESC LIMIT 1)
        RETURNING location)
     INSERT INTO stock_reservations (id, store_id, order_id, sku, location, quantity)
     SELECT $4, $1, $5, $2, location, $3 FROM taken RETURNING location`,
    [ctx.store.id, sku, quantity, id, orderId],
  );
  return row ? [{ id, sku, location: row.location, quantity }] : null;
}

// No single location has enough (or it was taken meanwhile): lock every location of the SKU
// and take what each has, as long as together they cover the order.
async function reserveAcrossLocations(ctx: Ctx, orderId: string, sku: string, quantity: number): Promise<Held[]> {
  const levels = await ctx.db.query<{ location: string; available: number }>(
    `SELECT location, on_hand - reserved AS available FROM stock_levels
      WHERE store_id = $1 AND sku = $2 ORDER BY location FOR UPDATE`,
    [ctx.store.id, sku],
  );
  const total = levels.reduce((s, l) => s + Math.max(0, l.available), 0);
  if (total < quantity) return [];
  const taken: Held[] = [];
  let left = quantity;
  for (const l of levels) {
    const take = Math.min(left, Math.max(0, l.available));
    if (!take) continue;
    await ctx.db.query(
      `UPDATE stock_levels SET reserved = reserved + $4, updated_at = now() WHERE store_id = $1 AND sku = $2 AND location = $3`,
      [ctx.store.id, sku, l.location, take],
    );
    taken.push({ id: newId('rsv'), sku, location: l.location, quantity: take });
    left -= take;
    if (!left) break;
  }
  await ctx.db.query(
    `INSERT INTO stock_reservations (id, store_id, order_id, sku, location, quantity)
     SELECT id, $1, $2, $3, location, quantity FROM unnest($4::text[], $5::text[], $6::int[]) AS t(id, location, quantity)`,
    [ctx.store.id, orderId, sku, taken.map((t) => t.id), taken.map((t) => t.location), taken.map((t) => t.quantity)],
  );
  return taken;
}

async function availableOf(ctx: Ctx, sku: string): Promise<number> {
  const [row] = await ctx.db.query<{ available: number | null }>(
    `SELECT sum(GREATEST(on_hand - reserved, 0))::int AS available FROM stock_levels WHERE store_id = $1 AND sku = $2`,
    [ctx.store.id, sku],
  );
  return row?.available ?? 0;
}

// An order that cannot have all its stock holds none of it.
async function undo(ctx: Ctx, held: Held[]) {
  if (!held.length) return;
  await ctx.db.query(`DELETE FROM stock_reservations WHERE store_id = $1 AND id = ANY($2)`, [ctx.store.id, held.map((h) => h.id)]);
  await giveBack(ctx, held);
}

/** Lower `reserved` by what these holds took, rows taken in sorted order (as reserving does). */
async function giveBack(ctx: Ctx, holds: { sku: string; location: string; quantity: number }[]) {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const sorted = [...holds].sort((a, b) => cmp(a.sku, b.sku) || cmp(a.location, b.location));
  for (const h of sorted) {
    await ctx.db.query(
      `UPDATE stock_levels SET reserved = reserved - $4, updated_at = now() WHERE store_id = $1 AND sku = $2 AND location = $3`,
      [ctx.store.id, h.sku, h.location, h.quantity],
    );
  }
}

/** Give back everything an order still holds (cancel). Idempotent: a second call releases nothing. */
export async function releaseStock(ctx: Ctx, orderId: string): Promise<{ sku: string; quantity: number }[]> {
  const rows = await ctx.db.query<{ sku: string; location: string; quantity: number }>(
    `UPDATE stock_reservations SET status = 'released', closed_at = now()
      WHERE store_id = $1 AND order_id = $2 AND status = 'active' RETURNING sku, location, quantity`,
    [ctx.store.id, orderId],
  );
  await giveBack(ctx, rows);
  return rows.map((r) => ({ sku: r.sku, quantity: r.quantity }));
}

export async function reservationsOf(ctx: Ctx, orderId: string) {
  return ctx.db.query<{ sku: string; location: string; quantity: number; status: string }>(
    `SELECT sku, location, quantity, status FROM stock_reservations WHERE store_id = $1 AND order_id = $2 ORDER BY sku, location`,
    [ctx.store.id, orderId],
  );
}
