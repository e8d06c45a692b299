import type { RouteModule } from '../../platform/http/app.ts';
import { orderStats } from './order-stats.ts';
import { periodQuery } from './period.ts';

/** Reports over the store's orders: what the home dashboard shows. */
export const analyticsRoutes: RouteModule = (app) => {
  app.get(
    '/v1/stats',
    {
      schema: {
        summary: 'Orders over a period (today by default, or period=7d|30d|90d, or from/to days in the store\'s time zone): ' +
          'orders per hour or day, confirmation and ghost rates, median time to confirm, the call queue now, orders by risk level and status',
        tags: ['analytics'],
        querystring: periodQuery,
      },
      config: { permission: 'orders.read' },
    },
    async (req) => orderStats(req.ctx, req.query),
  );
};
