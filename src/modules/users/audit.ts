import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';

export const auditQuery = z.object({
  subject_id: z.string().max(200).optional(),
  actor_id: z.string().max(200).optional(),
  type: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, 'must be an event type such as "order.confirmed", or "user.*" for a family')
    .max(100)
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^evt_[0-9a-z]{26}$/.test(id)) throw badRequest('cursor is not one this API gave out', [{ path: 'query.cursor', message: 'is invalid' }]);
  return id;
}

/**
 * Who changed what, newest first: the store's events (each records its actor), filtered by the
 * thing changed, the person or key who did it, or the kind of change. Paged by event id (ids
 * sort by time), with no OFFSET.
 */
export async function listAudit(ctx: Ctx, q: z.infer<typeof auditQuery>) {
  const params: unknown[] = [ctx.store.id];
  const $ = (value: unknown) => `$${params.push(value)}`;
  const where = ['store_id = $1'];
  if (q.subject_id) where.push(`subject_id = ${$(q.subject_id)}`);
  if (q.actor_id) where.push(`actor->>'id' = ${$(q.actor_id)}`);
  if (q.type?.endsWith('.*')) where.push(`type LIKE ${$(`${q.type.slice(0, -1).replace(/_/g, '\\_')}%`)}`);
  else if (q.type) where.push(`type = ${$(q.type)}`);
  if (q.cursor) where.push(`id < ${$(decodeCursor(q.cursor))}`);
  const rows = await ctx.db.query<{ id: string; type: string; subject_id: string | null; actor: Record<string, unknown>; data: Record<string, unknown>; created_at: Date }>(
    `SELECT id, type, subject_id, actor, data, created_at FROM events WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${$(q.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  return { data: page, next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1].id) : null };
}
