import type { Services } from './platform/services.ts';
import { forgetOldKeys } from './platform/http/idempotency.ts';
import { startDeliverySweep } from './modules/integrations/index.ts';

/** Every module's background work, registered on the job queue of this process. */
export async function startWorkers(services: Services): Promise<() => void> {
  const stopSweep = startDeliverySweep(services);
  const forget = setInterval(() => {
    forgetOldKeys(services.db).catch((err) => services.log.error({ err }, 'forgetting old idempotency keys failed'));
  }, 3_600_000);
  forget.unref();
  return () => {
    stopSweep();
    clearInterval(forget);
  };
}
