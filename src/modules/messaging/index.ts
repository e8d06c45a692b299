// Messaging: every message to a customer on any channel, its providers, templates and statuses.
export { sendTemplate, sendTemplates, type TemplateMessage, type QueueResult } from './queue-message.ts';
export { providerFor } from './channels.ts';
export { messageRoutes } from './routes.ts';
export { messagingWebhookRoutes } from './webhook-routes.ts';
export { startMessagingWorkers } from './workers.ts';
export { MESSAGE_STATUSES, type MessageStatus } from './message-status.ts';
export type { Channel } from './providers/index.ts';
export type { Lang, TemplateKey } from './templates/index.ts';
