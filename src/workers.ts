import type { Services } from './platform/services.ts';

/** Every module's background work, registered on the job queue of this process. */
export async function startWorkers(_services: Services): Promise<void> {
  // Storefront deliveries and later capabilities register their subscribers here.
}
