// Inventory: stock per SKU per location, and the reservations orders hold on it.
export { reserveStock, releaseStock, reservationsOf, type Shortage } from './reservations.ts';
export { setOnHand, getStock } from './stock.ts';
export { inventoryRoutes } from './routes.ts';
