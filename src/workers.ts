import type { Services } from './platform/services.ts';
import { startDeliverySweep } from './modules/integrations/index.ts';

/** Every module's background work, registered on the job queue of this process. */
export async function startWorkers(services: Services): Promise<() => void> {
  const stopSweep = startDeliverySweep(services);
  return () => stopSweep();
}
