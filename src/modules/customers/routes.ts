import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { RouteModule } from '../../platform/http/app.ts';
import { idempotent, type Outcome } from '../../platform/http/idempotency.ts';
import { findCustomers } from './find-customers.ts';
import { getCustomer } from './get-customer.ts';
import { listQuery } from './list-customers.ts';
import { tagCustomer, untagCustomer } from './tags.ts';

const idParams = z.object({ id: z.string().max(64) });
// The tag's own rules (letters of any script, digits, _ and -) are checked by normalizeTag, so
// other modules calling tagCustomer get the same answer as the API; here only its size.
const tagText = z.string().max(200);

const send = (reply: FastifyReply, o: Outcome) => reply.status(o.status).send(o.body);

export const customerRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/v1/customers',
    {
      schema: {
        summary:
          'The customers list, newest first (q: the start of a name, a phone in any form or part of one, an email; tag; cursor and limit), ' +
          'or the profile of whoever owns a phone in any form or an email in any spelling',
        tags: ['customers'],
        querystring: listQuery.extend({ phone: z.string().max(50).optional(), email: z.string().max(320).optional(), tag: tagText.optional() }),
      },
      config: { permission: 'customers.read' },
    },
    async (req) => findCustomers(req.ctx, req.query),
  );
  app.get(
    '/v1/customers/:id',
    { schema: { summary: 'A customer with their linked phones and emails', tags: ['customers'], params: idParams }, config: { permission: 'customers.read' } },
    async (req) => getCustomer(req.ctx, req.params.id),
  );
  // The tag change and its event commit together. Adding honours Idempotency-Key like every
  // POST; removing is a DELETE, idempotent by itself.
  app.post(
    '/v1/customers/:id/tags',
    { schema: { summary: 'Tag a customer (good, negotiator, ghost_box, vip or the store\'s own word)', tags: ['customers'], params: idParams, body: z.object({ tag: tagText }) }, config: { permission: 'customers.tag' } },
    async (req, reply) =>
      send(reply, await idempotent(req, db, req.ctx.store.id, async (tx) => ({
        status: 200,
        body: await tagCustomer({ ...req.ctx, db: tx }, req.params.id, req.body.tag),
      }))),
  );
  app.delete(
    '/v1/customers/:id/tags/:tag',
    { schema: { summary: 'Take a tag off a customer', tags: ['customers'], params: idParams.extend({ tag: tagText }) }, config: { permission: 'customers.tag' } },
    async (req) => db.transaction((tx) => untagCustomer({ ...req.ctx, db: tx }, req.params.id, req.params.tag, 'params.tag')),
  );
};
