import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import type { PreparedOrder } from './prepare-order.ts';

/** All lines of an order in one statement (one round trip, whatever the number of lines). */
export async function writeLines(ctx: Ctx, orderId: string, lines: PreparedOrder['lines']) {
  await ctx.db.query(
    `INSERT INTO order_lines (id, store_id, order_id, position, sku, name, quantity, unit_price_minor, total_minor)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::int[], $8::bigint[], $9::bigint[])`,
    [lines.map(() => newId('oln')), lines.map(() => ctx.store.id), lines.map(() => orderId), lines.map((_, i) => i + 1),
      lines.map((l) => l.sku), lines.map((l) => l.name), lines.map((l) => l.quantity),
      lines.map((l) => l.unitMinor.toString()), lines.map((l) => l.totalMinor.toString())],
  );
  return lines.map((l) => ({
    sku: l.sku, name: l.name, quantity: l.quantity, unit_price_minor: l.unitMinor.toString(), total_minor: l.totalMinor.toString(),
  }));
}
