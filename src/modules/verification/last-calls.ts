import type { Ctx } from '../../platform/context.ts';

/** The last call logged on an order: what came of it, the agent's note, when and by whom. */
export interface LastCall {
  outcome: string;
  note: string | null;
  at: Date;
  by: { type?: string; id?: string; name?: string };
  attempt: number | null;
  call_back_at: string | null;
}

/**
 * The last `call.logged` of each order, read from its timeline: what the next agent needs to
 * know before calling again ("no answer at 10:20", "asked to be called after work").
 */
export async function lastCalls(ctx: Ctx, orderIds: string[]): Promise<Map<string, LastCall>> {
  if (!orderIds.length) return new Map();
  const rows = await ctx.db.query<{ subject_id: string; data: Record<string, unknown>; actor: LastCall['by']; created_at: Date }>(
    `SELECT DISTINCT ON (subject_id) subject_id, data, actor, created_at FROM events
      WHERE store_id = $1 AND subject_id = ANY($2::text[]) AND type = 'call.logged'
      ORDER BY subject_id, id DESC`,
    [ctx.store.id, orderIds],
  );
  return new Map(
    rows.map((r) => [
      r.subject_id,
      {
        outcome: String(r.data.outcome),
        note: typeof r.data.note === 'string' ? r.data.note : null,
        at: r.created_at,
        by: { type: r.actor?.type, id: r.actor?.id, name: r.actor?.name },
        attempt: typeof r.data.attempt === 'number' ? r.data.attempt : null,
        call_back_at: typeof r.data.call_back_at === 'string' ? r.data.call_back_at : null,
      },
    ]),
  );
}
