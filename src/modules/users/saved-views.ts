import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { conflict, notFound, unprocessable } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';

/** The lists a view can be saved for. */
export const VIEW_SCREENS = ['orders'] as const;
export const VIEW_LIMITS = { name: 80, query: 2000, perScreen: 50 };

export const savedViewBody = z.object({
  name: z.string().trim().min(1, 'is required').max(VIEW_LIMITS.name, `must be at most ${VIEW_LIMITS.name} characters`),
  screen: z.enum(VIEW_SCREENS),
  query: z
    .string()
    .max(VIEW_LIMITS.query, `must be at most ${VIEW_LIMITS.query} characters`)
    .describe('the list\'s filters as a URL query string, e.g. "status=pending&risk=high"'),
});
export const savedViewsQuery = z.object({ screen: z.enum(VIEW_SCREENS).optional() });

export interface SavedView {
  id: string;
  name: string;
  screen: string;
  query: string;
  created_at: Date;
}

const COLUMNS = 'id, name, screen, query, created_at';

/** Saved views are a person's own: an API key is nobody in particular and has none. */
function userOf(ctx: Ctx): string {
  if (ctx.actor.type !== 'user') {
    throw unprocessable('An API key has no saved views; sign in as a person to save one', [], 'not_a_user');
  }
  return ctx.actor.id;
}

/** "?b=2&a=1&cursor=x" → "b=2&a=1": without the "?", empty values, or the page the list was on. */
function cleanQuery(raw: string): string {
  const params = new URLSearchParams(raw.trim().replace(/^\?/, ''));
  const kept = new URLSearchParams();
  for (const [k, v] of params) if (v !== '' && k !== 'cursor' && k !== 'limit') kept.append(k, v);
  return kept.toString();
}

/** The caller's views, oldest first (the order they were saved in, so chips do not move). */
export async function listSavedViews(ctx: Ctx, query: z.infer<typeof savedViewsQuery>) {
  const params: unknown[] = [ctx.store.id, userOf(ctx)];
  const screen = query.screen ? ` AND screen = $${params.push(query.screen)}` : '';
  const data = await ctx.db.query<SavedView>(
    `SELECT ${COLUMNS} FROM saved_views WHERE store_id = $1 AND user_id = $2${screen} ORDER BY id`,
    params,
  );
  return { data, next_cursor: null };
}

/**
 * Save the filters of a list under a name. The name is the person's own per screen: saving a
 * second "Riyadh COD" is a 409 on `name` (delete the old one, or choose another name).
 */
export async function saveView(ctx: Ctx, input: z.infer<typeof savedViewBody>): Promise<SavedView> {
  const userId = userOf(ctx);
  const name = input.name.normalize('NFC');
  const query = cleanQuery(input.query);
  if (query.length > VIEW_LIMITS.query) {
    throw unprocessable(`query must be at most ${VIEW_LIMITS.query} characters`, [{ path: 'query', message: `must be at most ${VIEW_LIMITS.query} characters` }]);
  }
  const [{ n }] = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM saved_views WHERE store_id = $1 AND user_id = $2 AND screen = $3`,
    [ctx.store.id, userId, input.screen],
  );
  if (n >= VIEW_LIMITS.perScreen) {
    throw unprocessable(`You can keep at most ${VIEW_LIMITS.perScreen} saved views per list; delete one first`, [
      { path: 'name', message: `you already have ${VIEW_LIMITS.perScreen} saved views on this list` },
    ], 'too_many_saved_views');
  }
  // ON CONFLICT waits for a concurrent save of the same name, so two clicks make one view and a 409.
  const [view] = await ctx.db.query<SavedView>(
    `INSERT INTO saved_views (store_id, user_id, id, name, screen, query, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (store_id, user_id, screen, name) DO NOTHING RETURNING ${COLUMNS}`,
    [ctx.store.id, userId, newId('svw'), name, input.screen, query, ctx.now()],
  );
  if (!view) {
    throw conflict('saved_view_exists', `You already have a saved view named "${name}" on this list`, [
      { path: 'name', message: 'you already have a saved view with this name' },
    ]);
  }
  return view;
}

/** Delete one of the caller's views; someone else's is not found, as if it did not exist. */
export async function deleteView(ctx: Ctx, id: string): Promise<void> {
  const [gone] = await ctx.db.query<{ id: string }>(
    `DELETE FROM saved_views WHERE store_id = $1 AND user_id = $2 AND id = $3 RETURNING id`,
    [ctx.store.id, userOf(ctx), id],
  );
  if (!gone) throw notFound(`Saved view ${id}`);
}
