import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { getStore } from '../stores/index.ts';
import { applyStatus } from './message-status.ts';
import { parseTwilioStatus, parseWhatsAppWebhook, verificationChallenge, verifyTwilioSignature, verifyWhatsAppSignature } from './providers/index.ts';
import { receiveReply } from './receive-reply.ts';
import { sendError } from '../../platform/http/errors.ts';
import { storableCopy } from '../../platform/text-safety.ts';

const storeParams = z.object({ store_id: z.string().regex(/^str_[0-9a-z]{26}$/, 'is not a store id') });

/** The provider's callbacks: authenticated by the provider's signature, not by an API key. */
export const messagingWebhookRoutes: RouteModule = async (app, services) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
  const raw = (req: FastifyRequest) => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  const ctxFor = async (storeId: string): Promise<Ctx> => ({
    db: services.db, store: await getStore(services.db, storeId), actor: { type: 'system', id: 'messaging' }, now: () => new Date(), log: services.log,
  });
  const settingsOf = (ctx: Ctx, key: string) => ((ctx.store.settings.messaging ?? {}) as Record<string, any>)[key];

  app.get(
    '/v1/webhooks/whatsapp/:store_id',
    { schema: { summary: "WhatsApp Cloud API's subscription handshake", tags: ['webhooks'], params: storeParams, security: [] }, config: { permission: 'public' } },
    async (req, reply) => {
      const wa = settingsOf(await ctxFor(req.params.store_id), 'whatsapp');
      const answer = wa ? verificationChallenge(req.query as Record<string, unknown>, wa.verify_token) : { ok: false as const };
      if (!answer.ok) return sendError(reply, 403, 'forbidden', 'The verify token does not match');
      return reply.type('text/plain').send(answer.challenge);
    },
  );

  app.post(
    '/v1/webhooks/whatsapp/:store_id',
    { schema: { summary: 'WhatsApp Cloud API: message statuses and customer replies', tags: ['webhooks'], params: storeParams, security: [] }, config: { permission: 'public' } },
    async (req, reply) => {
      const ctx = await ctxFor(req.params.store_id);
      const wa = settingsOf(ctx, 'whatsapp');
      const body = raw(req);
      if (!wa || !verifyWhatsAppSignature(wa.app_secret, body, req.headers['x-hub-signature-256'] as string | undefined)) {
        return sendError(reply, 401, 'bad_signature', 'X-Hub-Signature-256 does not match the body');
      }
      let parsed: unknown = null;
      try {
        // Whatever the sender typed must be storable (no NUL, no half emoji) once signed as theirs.
        parsed = storableCopy(JSON.parse(body.toString('utf8')));
      } catch {
        return sendError(reply, 400, 'bad_json', 'The body is not JSON');
      }
      const { statuses, inbound } = parseWhatsAppWebhook(parsed);
      for (const s of statuses) {
        const result = await services.db.transaction((tx) =>
          applyStatus({ ...ctx, db: tx }, { channel: 'whatsapp', providerMessageId: s.providerMessageId }, s.status, {
            at: s.at, error: s.error ? `${s.error.code}: ${s.error.title}` : undefined,
          }),
        );
        if (result === 'unknown') ctx.log.info({ providerMessageId: s.providerMessageId }, 'WhatsApp status for a message that is not ours; ignored');
      }
      for (const m of inbound) {
        await services.db.transaction((tx) =>
          receiveReply({ ...ctx, db: tx, actor: { type: 'customer', id: m.from } }, {
            channel: 'whatsapp', providerMessageId: m.providerMessageId, from: m.from, contextId: m.contextId, text: m.text, payload: m.payload,
          }),
        );
      }
      return reply.status(200).send({ received: true });
    },
  );

  app.post(
    '/v1/webhooks/sms/twilio/:store_id',
    { schema: { summary: "Twilio's SMS delivery status callbacks", tags: ['webhooks'], params: storeParams, security: [] }, config: { permission: 'public' } },
    async (req, reply) => {
      const ctx = await ctxFor(req.params.store_id);
      const sms = settingsOf(ctx, 'sms');
      const params = Object.fromEntries(new URLSearchParams(raw(req).toString('utf8')));
      const storable = storableCopy(params);
      const url = `${services.config.publicUrl.replace(/\/$/, '')}${req.url}`;
      if (!sms || sms.provider !== 'twilio' || !verifyTwilioSignature(sms.auth_token, url, params, req.headers['x-twilio-signature'] as string | undefined)) {
        return sendError(reply, 401, 'bad_signature', 'X-Twilio-Signature does not match');
      }
      const status = parseTwilioStatus(storable);
      if (status) {
        const result = await services.db.transaction((tx) =>
          applyStatus({ ...ctx, db: tx }, { channel: 'sms', providerMessageId: status.providerMessageId }, status.status, {
            error: status.errorCode ? `twilio ${status.errorCode}` : undefined,
          }),
        );
        if (result === 'unknown') ctx.log.info({ sid: status.providerMessageId }, 'Twilio status for a message that is not ours; ignored');
      }
      return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    },
  );
};

