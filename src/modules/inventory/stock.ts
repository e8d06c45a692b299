import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import { notFound } from '../../platform/errors.ts';

export const stockInput = z.object({
  location: z.string().trim().min(1).max(100).optional(),
  on_hand: z.number().int().min(0).max(100_000_000),
});

interface LevelRow {
  location: string;
  on_hand: number;
  reserved: number;
}

export async function setOnHand(ctx: Ctx, sku: string, input: z.infer<typeof stockInput>) {
  const location = input.location ?? 'main';
  const [before] = await ctx.db.query<{ on_hand: number }>(
    `SELECT on_hand FROM stock_levels WHERE store_id = $1 AND sku = $2 AND location = $3 FOR UPDATE`,
    [ctx.store.id, sku, location],
  );
  await ctx.db.query(
    `INSERT INTO stock_levels (store_id, sku, location, on_hand) VALUES ($1, $2, $3, $4)
     ON CONFLICT (store_id, sku, location) DO UPDATE SET on_hand = EXCLUDED.on_hand, updated_at = now()`,
    [ctx.store.id, sku, location, input.on_hand],
  );
  await recordEvent(ctx, 'stock.counted', `sku:${sku}`, { sku, location, on_hand: input.on_hand, before: before?.on_hand ?? 0 });
  return getStock(ctx, sku);
}

export async function getStock(ctx: Ctx, sku: string) {
  const levels = await ctx.db.query<LevelRow>(
    `SELECT location, on_hand, reserved FROM stock_levels WHERE store_id = $1 AND sku = $2 ORDER BY location`,
    [ctx.store.id, sku],
  );
  if (!levels.length) {
    const [product] = await ctx.db.query(`SELECT 1 FROM products WHERE store_id = $1 AND sku = $2`, [ctx.store.id, sku]);
    if (!product) throw notFound(`Stock for ${sku}`);
  }
  // A count below what is reserved (stock found missing) shows 0 available, never negative.
  const available = (l: LevelRow) => Math.max(0, l.on_hand - l.reserved);
  return {
    sku,
    on_hand: levels.reduce((s, l) => s + l.on_hand, 0),
    reserved: levels.reduce((s, l) => s + l.reserved, 0),
    available: levels.reduce((s, l) => s + available(l), 0),
    locations: levels.map((l) => ({ location: l.location, on_hand: l.on_hand, reserved: l.reserved, available: available(l) })),
  };
}
