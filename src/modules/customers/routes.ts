import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { findCustomers } from './find-customers.ts';
import { getCustomer } from './get-customer.ts';

export const customerRoutes: RouteModule = (app) => {
  app.get(
    '/v1/customers',
    { schema: { summary: 'Find customers by a phone in any form or an email in any spelling', tags: ['customers'], querystring: z.object({ phone: z.string().max(50).optional(), email: z.string().max(320).optional() }) } },
    async (req) => findCustomers(req.ctx, req.query),
  );
  app.get(
    '/v1/customers/:id',
    { schema: { summary: 'A customer with their linked phones and emails', tags: ['customers'], params: z.object({ id: z.string().max(64) }) } },
    async (req) => getCustomer(req.ctx, req.params.id),
  );
};
