import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { conflict } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { getOrder, type OrderView } from './order-view.ts';
import type { OrderStatus } from './states.ts';

export const noteInput = z.object({
  text: z.string().trim().min(1).max(1000),
  gift: z
    .object({ description: z.string().trim().min(1).max(200), sku: z.string().trim().min(1).max(64).optional().nullable() })
    .optional()
    .nullable(),
});
export type NoteInput = z.infer<typeof noteInput>;

/** Once the parcel has left (or never will), nothing more can be packed in it. */
const TOO_LATE_FOR_GIFT: readonly OrderStatus[] = ['shipped', 'delivered', 'completed', 'cancelled', 'returned'];

/**
 * An agent's note on an order, with a gift to pack when they promised one (a negotiator who
 * asked for something extra). Appended in one UPDATE whose WHERE also checks the status, so a
 * gift cannot slip onto an order that ships at the same moment. A note alone is always allowed.
 */
export async function addOrderNote(ctx: Ctx, id: string, input: NoteInput): Promise<OrderView> {
  const gift = input.gift ? { description: input.gift.description, sku: input.gift.sku ?? null } : null;
  const note = { id: newId('evt'), text: input.text, gift, by: ctx.actor, at: ctx.now() };
  const [row] = await ctx.db.query<{ id: string }>(
    `UPDATE orders SET notes = notes || jsonb_build_array($3::jsonb), updated_at = $4
      WHERE store_id = $1 AND id = $2 AND NOT ($5::boolean AND status = ANY($6::text[]))
      RETURNING id`,
    [ctx.store.id, id, JSON.stringify(note), ctx.now(), gift !== null, TOO_LATE_FOR_GIFT],
  );
  if (!row) {
    const order = await getOrder(ctx, id); // 404 when there is no such order
    throw conflict('gift_too_late', `The order is ${order.status}: a gift can no longer be packed with it. Add the note without the gift.`, [
      { path: 'gift', message: `cannot be added to an order that is ${order.status}`, status: order.status },
    ]);
  }
  await recordEvent(ctx, 'order.note_added', id, { text: note.text, gift });
  return getOrder(ctx, id);
}
