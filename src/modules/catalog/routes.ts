import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { skuParam } from '../../platform/inputs.ts';
import { getProduct, productInput, saveProduct } from './products.ts';

export const catalogRoutes: RouteModule = (app, { db }) => {
  const params = z.object({ sku: skuParam });
  app.put(
    '/v1/products/:sku',
    { schema: { summary: 'Create or update a product by SKU', tags: ['catalog'], params, body: productInput }, config: { permission: 'catalog.manage' } },
    async (req) => db.transaction((tx) => saveProduct({ ...req.ctx, db: tx }, req.params.sku, req.body)),
  );
  app.get('/v1/products/:sku', { schema: { summary: 'A product by SKU', tags: ['catalog'], params }, config: { permission: 'catalog.read' } }, async (req) =>
    getProduct(req.ctx, req.params.sku),
  );
};
