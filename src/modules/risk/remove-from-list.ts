import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { LIST_NAMES } from './list-entry.ts';
import type { ListName } from './list-keys.ts';

/**
 * Take an entry off the list. The row goes; the event keeps who added what, who removed it and
 * when, since a blocklist decision is something a merchant may have to account for later.
 */
export async function removeFromList(ctx: Ctx, list: ListName, id: string): Promise<void> {
  const [gone] = await ctx.db.query<{ type: string; key: string; reason: string; created_by: unknown; created_at: Date }>(
    `DELETE FROM risk_lists WHERE store_id = $1 AND list = $2 AND id = $3 RETURNING type, key, reason, created_by, created_at`,
    [ctx.store.id, list, id],
  );
  if (!gone) throw notFound(`${LIST_NAMES[list]} entry ${id}`);
  await recordEvent(ctx, 'risk_list.removed', id, { list, ...gone });
}
