import type { RouteModule } from '../../platform/http/app.ts';
import { apiKeyBody, apiKeyParams, listApiKeys, makeApiKey, revokeApiKey } from './manage-api-keys.ts';
import { settingsPatch } from './settings.ts';
import { changeStoreSettings, storeView } from './stores.ts';

export const storeRoutes: RouteModule = (app, { db }) => {
  app.get('/v1/store', { schema: { summary: 'The store this key belongs to, with its settings', tags: ['store'] }, config: { permission: 'settings.read' } }, async (req) =>
    storeView(req.ctx.store),
  );

  app.patch(
    '/v1/store/settings',
    { schema: { summary: 'Change store settings (objects merge; null removes)', tags: ['store'], body: settingsPatch }, config: { permission: 'settings.manage' } },
    async (req) => {
      const store = await db.transaction((tx) => changeStoreSettings({ ...req.ctx, db: tx }, req.body));
      return storeView(store);
    },
  );

  // Keys for scripts and storefront apps. No Idempotency-Key replay: replaying means storing
  // the answer, and the answer holds the key. A retried POST makes a second key, which the
  // owner sees in the list and can revoke.
  app.get('/v1/api-keys', { schema: { summary: 'The API keys that work (never the keys themselves)', tags: ['store'] }, config: { permission: 'settings.manage' } }, async (req) =>
    listApiKeys(req.ctx),
  );

  app.post(
    '/v1/api-keys',
    {
      schema: { summary: 'Make an API key (role defaults to manager); the key is in this answer only', tags: ['store'], body: apiKeyBody },
      config: { permission: 'settings.manage' },
    },
    async (req, reply) => reply.status(201).send(await db.transaction((tx) => makeApiKey({ ...req.ctx, db: tx }, req.body))),
  );

  app.delete(
    '/v1/api-keys/:id',
    { schema: { summary: 'Revoke an API key: it stops working within seconds', tags: ['store'], params: apiKeyParams }, config: { permission: 'settings.manage' } },
    async (req, reply) => {
      await db.transaction((tx) => revokeApiKey({ ...req.ctx, db: tx }, req.params.id));
      return reply.status(204).send();
    },
  );
};
