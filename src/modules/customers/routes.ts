import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { getCustomer } from './get-customer.ts';

export const customerRoutes: RouteModule = (app) => {
  app.get(
    '/v1/customers/:id',
    { schema: { summary: 'A customer with their linked phones and emails', tags: ['customers'], params: z.object({ id: z.string().max(64) }) } },
    async (req) => getCustomer(req.ctx, req.params.id),
  );
};
