import type { Services } from './platform/services.ts';
import { forgetOldKeys } from './platform/http/idempotency.ts';
import { startDeliverySweep } from './modules/integrations/index.ts';
import { startMessagingWorkers } from './modules/messaging/index.ts';
import { startOrderWorkers } from './modules/orders/index.ts';
import { startVerificationWorkers } from './modules/verification/index.ts';

/** Every module's background work, registered on the job queue of this process. */
export async function startWorkers(services: Services): Promise<() => Promise<void>> {
  const stopSweep = startDeliverySweep(services);
  const stopMessaging = await startMessagingWorkers(services);
  const stopVerification = await startVerificationWorkers(services);
  const stopOrders = await startOrderWorkers(services);
  const forget = setInterval(() => {
    forgetOldKeys(services.db).catch((err) => services.log.error({ err }, 'forgetting old idempotency keys failed'));
  }, 3_600_000);
  forget.unref();
  return async () => {
    stopSweep();
    stopVerification();
    stopOrders();
    clearInterval(forget);
    await stopMessaging();
  };
}
