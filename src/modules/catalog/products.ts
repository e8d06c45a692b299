import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { fromMinor, toMinor } from '../../platform/money.ts';
import { currencyCode, moneyInput, skuParam } from '../../platform/inputs.ts';

export const productInput = z.object({
  name: z.string().trim().min(1).max(300),
  price: moneyInput,
  currency: currencyCode.optional(),
});


interface ProductRow {
  sku: string;
  name: string;
  price_minor: string;
  currency: string;
  created_at: Date;
  updated_at: Date;
}

const view = (r: ProductRow) => ({
  sku: r.sku,
  name: r.name,
  price: fromMinor(r.price_minor, r.currency),
  currency: r.currency,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export async function saveProduct(ctx: Ctx, sku: string, input: z.infer<typeof productInput>) {
  const currency = input.currency ?? ctx.store.currency;
  const price = toMinor(input.price, currency, 'price');
  const [row] = await ctx.db.query<ProductRow>(
    `INSERT INTO products (store_id, sku, name, price_minor, currency) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (store_id, sku) DO UPDATE SET name = EXCLUDED.name, price_minor = EXCLUDED.price_minor,
       currency = EXCLUDED.currency, updated_at = now()
     RETURNING sku, name, price_minor, currency, created_at, updated_at`,
    [ctx.store.id, sku, input.name, price.toString(), currency],
  );
  return view(row);
}

export async function getProduct(ctx: Ctx, sku: string) {
  const [row] = await ctx.db.query<ProductRow>(
    `SELECT sku, name, price_minor, currency, created_at, updated_at FROM products WHERE store_id = $1 AND sku = $2`,
    [ctx.store.id, sku],
  );
  if (!row) throw notFound(`Product ${sku}`);
  return view(row);
}

/** Which of these SKUs the catalog knows: intake uses it to hold storefront orders for unknown ones. */
export async function knownSkus(ctx: Ctx, skus: string[]): Promise<Set<string>> {
  const rows = await ctx.db.query<{ sku: string }>(`SELECT sku FROM products WHERE store_id = $1 AND sku = ANY($2)`, [
    ctx.store.id,
    skus,
  ]);
  return new Set(rows.map((r) => r.sku));
}
