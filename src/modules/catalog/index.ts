// Catalog: products by SKU with their price. Inventory and orders refer to products by SKU.
export { saveProduct, getProduct, knownSkus } from './products.ts';
export { catalogRoutes } from './routes.ts';
