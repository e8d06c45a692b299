import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { Ctx } from '../../platform/context.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { idempotent, type Outcome } from '../../platform/http/idempotency.ts';
import { ordersPlaced } from '../../platform/http/metrics.ts';
import { eventsFor } from '../../platform/events.ts';
import { addOrderNote, noteInput } from './agent-notes.ts';
import { cancelOrder, confirmOrder, holdOrder, releaseOrder } from './change-status.ts';
import { importBody, importOrders } from './import-orders.ts';
import { INTAKE_TRANSACTION, placeOrder } from './place-order.ts';
import { listOrders, listQuery } from './list-orders.ts';
import { orderInput } from './order-input.ts';
import { getOrder, loadOrderRow } from './order-view.ts';
import { reassessOrder } from './reassess-risk.ts';
import { prepareOrder } from './prepare-order.ts';
import type { Permission } from '../users/index.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });
const reasonBody = z.object({ reason: z.string().trim().min(1).max(500) });
const noteBody = z.object({ note: z.string().trim().max(500).optional() }).optional();

const send = (reply: FastifyReply, o: Outcome) => reply.status(o.status).send(o.body);

export const orderRoutes: RouteModule = (app, { db }) => {
  app.post(
    '/v1/orders',
    { schema: { summary: 'Place an order (reserves its stock)', tags: ['orders'], body: orderInput }, config: { permission: 'orders.create' } },
    async (req, reply) => {
      const prepared = prepareOrder(req.ctx.store, req.body, { lenient: false });
      const outcome = await idempotent(req, db, req.ctx.store.id, async (tx) => ({
        status: 201,
        body: await placeOrder({ ...req.ctx, db: tx }, prepared, { lenient: false, source: req.body.source ?? 'api' }),
      }), INTAKE_TRANSACTION);
      if (!outcome.replayed) ordersPlaced.inc({ source: req.body.source ?? 'api' });
      return send(reply, outcome);
    },
  );

  app.get('/v1/orders', { schema: { summary: 'Orders, newest first, with filters', tags: ['orders'], querystring: listQuery }, config: { permission: 'orders.read' } }, async (req) =>
    listOrders(req.ctx, req.query),
  );
  app.get('/v1/orders/:id', { schema: { summary: 'One order', tags: ['orders'], params: idParams }, config: { permission: 'orders.read' } }, async (req) =>
    getOrder(req.ctx, req.params.id),
  );
  app.get(
    '/v1/orders/:id/timeline',
    { schema: { summary: 'Every event on the order, oldest first', tags: ['orders'], params: idParams }, config: { permission: 'orders.read' } },
    async (req) => {
      await loadOrderRow(req.ctx, req.params.id);
      return { data: await eventsFor(req.ctx, req.params.id) };
    },
  );

  const action = (path: string, permission: Permission, summary: string, body: z.ZodType, run: (ctx: Ctx, id: string, body: any) => Promise<unknown>) =>
    app.post(path, { schema: { summary, tags: ['orders'], params: idParams, body }, config: { permission } }, async (req, reply) => {
      const { id } = req.params as z.infer<typeof idParams>;
      const outcome = await idempotent(req, db, req.ctx.store.id, async (tx) => ({
        status: 200,
        body: await run({ ...req.ctx, db: tx }, id, req.body),
      }));
      return send(reply, outcome);
    });
  action('/v1/orders/:id/confirm', 'orders.confirm', 'Confirm the order', noteBody, (ctx, id, b) => confirmOrder(ctx, id, b?.note));
  action('/v1/orders/:id/cancel', 'orders.cancel', 'Cancel the order and release its stock', reasonBody, (ctx, id, b) => cancelOrder(ctx, id, b.reason));
  action('/v1/orders/:id/hold', 'orders.hold', 'Put the order on hold for review', reasonBody, (ctx, id, b) => holdOrder(ctx, id, b.reason));
  action('/v1/orders/:id/release', 'orders.hold', 'Release a hold: the order goes on', noteBody, (ctx, id, b) => releaseOrder(ctx, id, b?.note));
  action('/v1/orders/:id/risk/reassess', 'orders.hold', 'Run customer analysis on the order again, on today\'s history', z.object({}).strict().optional(), async (ctx, id) => {
    await reassessOrder(ctx, id);
    return getOrder(ctx, id);
  });
  action('/v1/orders/:id/notes', 'orders.notes', 'Add an agent\'s note, with a gift to pack if one was promised', noteInput, (ctx, id, b) => addOrderNote(ctx, id, b));

  app.post(
    '/v1/orders/import',
    { schema: { summary: 'Import past orders with their outcomes (no stock, no messages)', tags: ['orders'], body: importBody }, config: { permission: 'orders.import' }, bodyLimit: 20 * 1024 * 1024 },
    async (req, reply) => {
      const outcome = await idempotent(req, db, req.ctx.store.id, async (tx) => ({
        status: 200,
        body: await importOrders({ ...req.ctx, db: tx }, req.body.orders),
      }));
      return send(reply, outcome);
    },
  );
};
