import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { deleteView, listSavedViews, saveView, savedViewBody, savedViewsQuery } from './saved-views.ts';

const tags = ['users'];
const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * `/v1/saved-views`: a signed-in person's own saved filters of a list. Any role may keep views
 * of the lists it can open; an API key has none (422 `not_a_user`).
 */
export const savedViewRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/v1/saved-views',
    { schema: { summary: 'Your saved views (the filters of a list under a name), oldest first', tags, querystring: savedViewsQuery }, config: { permission: 'signed_in' } },
    async (req) => listSavedViews(req.ctx, req.query),
  );
  app.post(
    '/v1/saved-views',
    {
      schema: { summary: 'Save the filters of a list under a name (409 when you already have one by that name)', tags, body: savedViewBody },
      config: { permission: 'signed_in' },
    },
    async (req, reply) => {
      const outcome = await idempotent(req, db, req.ctx.store.id, async (tx) => ({ status: 201, body: await saveView({ ...req.ctx, db: tx }, req.body) }));
      return reply.status(outcome.status).send(outcome.body);
    },
  );
  app.delete(
    '/v1/saved-views/:id',
    { schema: { summary: 'Delete one of your saved views', tags, params: idParams }, config: { permission: 'signed_in' } },
    async (req, reply) => {
      await deleteView(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );
};
