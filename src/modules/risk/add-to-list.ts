import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { ENTRY_COLUMNS, type ListEntry } from './list-entry.ts';
import { listKey, type EntryType, type ListName } from './list-keys.ts';

export interface ListEntryInput {
  type: EntryType;
  /** Text for a phone, an email or an IP; an address object for an address. */
  value: unknown;
  reason: string;
}

/**
 * Put a phone, email, IP or address on the store's blocklist or allowlist. The same person
 * written another way is the same entry: adding it again returns the entry already there
 * (`created: false`) and leaves its reason and author as they were.
 */
export async function addToList(ctx: Ctx, list: ListName, input: ListEntryInput): Promise<{ entry: ListEntry; created: boolean }> {
  const { key, last9 } = listKey(ctx.store, input.type, input.value);
  // ON CONFLICT DO NOTHING waits for a concurrent insert of the same key, so two merchants
  // adding one number at once make one entry and both get it back.
  const [fresh] = await ctx.db.query<ListEntry>(
    `INSERT INTO risk_lists (id, store_id, list, type, key, last9, value, reason, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (store_id, list, type, key) DO NOTHING RETURNING ${ENTRY_COLUMNS}`,
    [newId('rsk'), ctx.store.id, list, input.type, key, last9, JSON.stringify(input.value), input.reason, JSON.stringify(ctx.actor), ctx.now()],
  );
  if (fresh) {
    await recordEvent(ctx, 'risk_list.added', fresh.id, { list, type: input.type, key, reason: input.reason });
    return { entry: fresh, created: true };
  }
  const [existing] = await ctx.db.query<ListEntry>(
    `SELECT ${ENTRY_COLUMNS} FROM risk_lists WHERE store_id = $1 AND list = $2 AND type = $3 AND key = $4`,
    [ctx.store.id, list, input.type, key],
  );
  return { entry: existing, created: false };
}
