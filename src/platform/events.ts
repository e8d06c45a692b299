import type { Ctx } from './context.ts';
import { newId } from './ids.ts';

/**
 * Record a domain event in the caller's transaction. It is both a line on the subject's
 * timeline and an outbox entry the relay later publishes to subscribers.
 */
export async function recordEvent(ctx: Ctx, type: string, subjectId: string | null, data: Record<string, unknown> = {}) {
  const id = newId('evt');
  await ctx.db.query(
    `INSERT INTO events (id, store_id, type, subject_id, actor, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, ctx.store.id, type, subjectId, JSON.stringify(ctx.actor), JSON.stringify(data), ctx.now()],
  );
  return id;
}

/** Many events in one statement (a batch of cascade timers writes hundreds at once). */
export async function recordEvents(ctx: Ctx, events: { type: string; subjectId: string | null; data: Record<string, unknown> }[]) {
  if (!events.length) return;
  await ctx.db.query(
    `INSERT INTO events (id, store_id, type, subject_id, actor, data, created_at)
     SELECT id, $1, type, subject_id, $2, data::jsonb, $3 FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS e(id, type, subject_id, data)`,
    [ctx.store.id, JSON.stringify(ctx.actor), ctx.now(), events.map(() => newId('evt')), events.map((e) => e.type),
      events.map((e) => e.subjectId), events.map((e) => JSON.stringify(e.data))],
  );
}

export interface EventRow {
  id: string;
  type: string;
  subject_id: string | null;
  actor: Record<string, unknown>;
  data: Record<string, unknown>;
  created_at: Date;
}

export async function eventsFor(ctx: Ctx, subjectId: string): Promise<EventRow[]> {
  return ctx.db.query<EventRow>(
    `SELECT id, type, subject_id, actor, data, created_at FROM events
      WHERE store_id = $1 AND subject_id = $2 ORDER BY id`,
    [ctx.store.id, subjectId],
  );
}
