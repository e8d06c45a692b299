import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { skuParam } from '../../platform/inputs.ts';
import { getStock, setOnHand, stockInput } from './stock.ts';

export const inventoryRoutes: RouteModule = (app, { db }) => {
  const params = z.object({ sku: skuParam });
  app.put(
    '/v1/inventory/:sku',
    { schema: { summary: 'Set the counted stock of a SKU at a location', tags: ['inventory'], params, body: stockInput }, config: { permission: 'inventory.manage' } },
    async (req) => db.transaction((tx) => setOnHand({ ...req.ctx, db: tx }, req.params.sku, req.body)),
  );
  app.get('/v1/inventory/:sku', { schema: { summary: 'Stock of a SKU: on hand, reserved, available', tags: ['inventory'], params }, config: { permission: 'inventory.read' } }, async (req) =>
    getStock(req.ctx, req.params.sku),
  );
};
