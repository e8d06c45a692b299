import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { RouteModule } from '../../platform/http/app.ts';
import { idempotent, type Outcome } from '../../platform/http/idempotency.ts';
import { callBody, callQueueQuery, claimNext, listCallQueue, logCall } from './call-queue.ts';
import { ghostBox, ghostBoxQuery } from './ghost-box.ts';

const send = (reply: FastifyReply, o: Outcome) => reply.status(o.status).send(o.body);
const idParams = z.object({ id: z.string().min(1).max(64) });

/** The confirmation agents' work: the call queue, claiming the next order, logging each call. */
export const verificationRoutes: RouteModule = (app, { db }) => {
  app.get('/v1/call-queue', { schema: { summary: 'Orders waiting for a confirmation call, next first', tags: ['confirmation'], querystring: callQueueQuery }, config: { permission: 'call_queue.work' } }, async (req) =>
    listCallQueue(req.ctx, req.query),
  );
  app.post('/v1/call-queue/claim', { schema: { summary: 'Take the next order to call (no other agent gets it)', tags: ['confirmation'] }, config: { permission: 'call_queue.work' } }, async (req, reply) =>
    send(reply, await idempotent(req, db, req.ctx.store.id, async (tx) => ({ status: 200, body: await claimNext({ ...req.ctx, db: tx }, req.ctx.actor.id) }))),
  );
  app.post(
    '/v1/orders/:id/calls',
    { schema: { summary: 'Log a confirmation call and its outcome', tags: ['confirmation'], params: idParams, body: callBody }, config: { permission: 'call_queue.work' } },
    async (req, reply) =>
      send(reply, await idempotent(req, db, req.ctx.store.id, async (tx) => ({
        status: 200,
        body: await logCall({ ...req.ctx, db: tx }, req.params.id, req.ctx.actor.id, req.body),
      }))),
  );
  app.get('/v1/ghost-box', { schema: { summary: 'Customers whose orders were cancelled as ghost', tags: ['confirmation'], querystring: ghostBoxQuery }, config: { permission: 'customers.read' } }, async (req) =>
    ghostBox(req.ctx, req.query),
  );
};
