// Every provider by the name stored on a message; `messaging/settings.ts` picks one per channel.
import type { Provider } from './provider.ts';
import { outbox } from './outbox.ts';
import { smtp } from './smtp.ts';
import { twilio } from './twilio.ts';
import { unifonic } from './unifonic.ts';
import { whatsapp } from './whatsapp.ts';

export const providers: Record<string, Provider<any>> = { outbox, twilio, unifonic, whatsapp, smtp };
export type { Channel, OutgoingMessage, Provider, SendResult } from './provider.ts';
export { ProviderError } from './provider.ts';
export { verifyTwilioSignature, parseTwilioStatus } from './twilio.ts';
export { verifyWhatsAppSignature, verificationChallenge, parseWhatsAppWebhook, replyIntent } from './whatsapp-webhook.ts';
export { closeSmtpTransports } from './smtp.ts';
