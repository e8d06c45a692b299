import type { Database } from '../../platform/db.ts';
import { createApiKey } from './api-keys.ts';
import { createStore, firstStoreId } from './stores.ts';

export interface Bootstrap {
  storeId: string;
  created: boolean;
  /** Set only when the store was created now: the one time the key can be shown. */
  apiKey?: string;
}

/**
 * On first start with an empty database: the default store and its owner API key
 * (`WASL_API_KEY`, or a generated one printed once). Safe when several processes start at once.
 */
export async function bootstrapStore(db: Database, opts: { apiKey?: string } = {}): Promise<Bootstrap> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(72617301)');
    const existing = await firstStoreId(tx);
    if (existing) return { storeId: existing, created: false };
    const store = await createStore(tx, {
      name: 'My store',
      country: 'SA',
      currency: 'SAR',
      timezone: 'Asia/Riyadh',
      locale: 'ar',
    });
    const { key } = await createApiKey(tx, store.id, { name: 'Owner key', role: 'owner', key: opts.apiKey });
    return { storeId: store.id, created: true, apiKey: key };
  });
}
