import type { RouteModule } from '../../platform/http/app.ts';
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
};
