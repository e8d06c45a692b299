import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { addToList } from './add-to-list.ts';
import { entriesQuery, listEntries } from './list-entries.ts';
import { LIST_NAMES } from './list-entry.ts';
import { ENTRY_TYPES, LISTS } from './list-keys.ts';
import { removeFromList } from './remove-from-list.ts';

// The value's shape depends on its type, so the operation checks it (and names `value` or
// `value.city` when it is wrong); the schema only says "text or an address object".
const entryBody = z.object({
  type: z.enum(ENTRY_TYPES),
  value: z
    .union([z.string().max(1000), z.looseObject({})])
    .describe('phone, email or ip: text in any common spelling; address: {line1, line2?, district?, city, country?} as on an order'),
  reason: z.string().trim().min(1).max(500),
});
const idParams = z.object({ id: z.string().min(1).max(64) });

/** `/v1/blocklist` and `/v1/allowlist`: the same endpoints over the two lists. */
export const riskListRoutes: RouteModule = (app, { db }) => {
  for (const list of LISTS) {
    const path = `/v1/${LIST_NAMES[list]}`;
    const tags = ['risk'];
    const who = list === 'block' ? 'may not order' : 'are trusted to order';
    app.post(
      path,
      { schema: { summary: `Add a phone, email, IP or address whose orders ${who} (200 with the entry when it is already there)`, tags, body: entryBody }, config: { permission: 'risk_lists.manage' } },
      async (req, reply) => {
        const outcome = await idempotent(req, db, req.ctx.store.id, async (tx) => {
          const { entry, created } = await addToList({ ...req.ctx, db: tx }, list, req.body);
          return { status: created ? 201 : 200, body: entry };
        });
        return reply.status(outcome.status).send(outcome.body);
      },
    );
    app.get(path, { schema: { summary: `The ${LIST_NAMES[list]}, newest first`, tags, querystring: entriesQuery }, config: { permission: 'risk_lists.read' } }, async (req) =>
      listEntries(req.ctx, list, req.query),
    );
    app.delete(`${path}/:id`, { schema: { summary: `Remove an entry from the ${LIST_NAMES[list]}`, tags, params: idParams }, config: { permission: 'risk_lists.manage' } }, async (req, reply) => {
      await db.transaction((tx) => removeFromList({ ...req.ctx, db: tx }, list, req.params.id));
      return reply.status(204).send();
    });
  }
};
