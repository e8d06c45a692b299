import type { Services } from '../../platform/services.ts';
import { getStore } from '../stores/index.ts';
import { deliverMessage } from './deliver-message.ts';
import { closeSmtpTransports } from './providers/index.ts';

/** Messages go out after the transaction that queued them commits (`message.queued`), retried with backoff. */
export async function startMessagingWorkers(services: Services): Promise<() => Promise<void>> {
  const jobs = services.jobs!;
  const deliver = async (storeId: string, messageId: string) => {
    const store = await getStore(services.db, storeId);
    const result = await deliverMessage(services.db, { store, actor: { type: 'system', id: 'messaging' }, now: () => new Date(), log: services.log }, messageId);
    if (!result.done) {
      await jobs.send('messaging.retry', { store_id: storeId, message_id: messageId }, { startAfter: new Date(Date.now() + result.retryInSeconds * 1000) });
    }
  };
  await jobs.onEvent('message.queued', 'messaging.send', (event) => deliver(event.store_id, String(event.data.message_id)));
  await jobs.onJob<{ store_id: string; message_id: string }>('messaging.retry', (job) => deliver(job.store_id, job.message_id));
  return async () => closeSmtpTransports();
}
