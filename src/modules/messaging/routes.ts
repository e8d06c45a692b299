import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { listMessages, messagesQuery } from './list-messages.ts';
import { TEMPLATE_KEYS, listTemplates, saveTemplate } from './store-templates.ts';
import type { TemplateKey } from './templates/index.ts';

const templateText = z.object({ subject: z.string().max(200).optional(), body: z.string().max(2000) }).strict();
const templateBody = z.object({ ar: templateText.nullable().optional(), en: templateText.nullable().optional() }).strict();

export const messageRoutes: RouteModule = (app, { db }) => {
  app.get('/v1/messages', { schema: { summary: 'Messages sent or queued to customers', tags: ['messages'], querystring: messagesQuery }, config: { permission: 'messages.read' } }, async (req) =>
    listMessages(req.ctx, req.query),
  );
  app.get('/v1/message-templates', { schema: { summary: 'The texts sent to customers, in Arabic and English', tags: ['messages'] }, config: { permission: 'messages.read' } }, async (req) =>
    listTemplates(req.ctx),
  );
  app.put(
    '/v1/message-templates/:key',
    {
      schema: {
        summary: "Change the store's wording of a message (null: back to wasl's default)",
        tags: ['messages'],
        params: z.object({ key: z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]]) }),
        body: templateBody,
      },
      config: { permission: 'templates.manage' },
    },
    async (req) => db.transaction((tx) => saveTemplate({ ...req.ctx, db: tx }, req.params.key, req.body)),
  );
};
