import type { RouteModule } from '../../platform/http/app.ts';
import { settingsPatch } from './settings.ts';
import { storeView, updateStoreSettings } from './stores.ts';

export const storeRoutes: RouteModule = (app, { db }) => {
  app.get('/v1/store', { schema: { summary: 'The store this key belongs to', tags: ['store'] } }, async (req) =>
    storeView(req.ctx.store),
  );

  app.patch(
    '/v1/store/settings',
    { schema: { summary: 'Change store settings (objects merge; null removes)', tags: ['store'], body: settingsPatch } },
    async (req) => {
      const store = await db.transaction((tx) => updateStoreSettings(tx, req.ctx.store.id, req.body));
      return storeView(store);
    },
  );
};
