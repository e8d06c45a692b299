import type { OutgoingMessage, Provider, SendResult } from './provider.ts';

/**
 * The provider of a store that has set none up (a demo, a trial, tests): the message is kept
 * in wasl and shown at `GET /v1/messages`, and goes nowhere else.
 */
export const outbox: Provider<unknown> = {
  name: 'outbox',
  channel: 'sms',
  async send(_settings: unknown, _msg: OutgoingMessage): Promise<SendResult> {
    return { providerMessageId: null };
  },
};
