// Integrations: storefront webhooks in (Shopify, WooCommerce, Salla), stored then applied.
export { webhookRoutes, processNow } from './routes.ts';
export { deliveryRoutes, startDeliverySweep } from './deliveries.ts';
export { storefronts, type StorefrontName } from './storefronts/index.ts';
