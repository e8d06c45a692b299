import type { AppParts } from './platform/http/app.ts';
import { catalogRoutes } from './modules/catalog/index.ts';
import { customerRoutes } from './modules/customers/index.ts';
import { deliveryRoutes, webhookRoutes } from './modules/integrations/index.ts';
import { inventoryRoutes } from './modules/inventory/index.ts';
import { orderRoutes } from './modules/orders/index.ts';
import { storeRoutes } from './modules/stores/index.ts';
import { messageRoutes, messagingWebhookRoutes } from './modules/messaging/index.ts';
import { confirmationPageRoutes, verificationRoutes } from './modules/verification/index.ts';
import { riskListRoutes } from './modules/risk/index.ts';
import { authRoutes, userRoutes } from './modules/users/index.ts';
import { analyticsRoutes } from './modules/analytics/index.ts';

/** Every module's HTTP routes: the one list `wasl serve` and the tests mount. */
export const appParts: AppParts = {
  api: [storeRoutes, catalogRoutes, inventoryRoutes, customerRoutes, orderRoutes, deliveryRoutes, messageRoutes, verificationRoutes, riskListRoutes, userRoutes, analyticsRoutes],
  open: [webhookRoutes, messagingWebhookRoutes, confirmationPageRoutes, authRoutes],
};
