import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRetryableStatus, postForm } from './http.ts';
import { ProviderError, type Provider, type TwilioSettings } from './provider.ts';

/** Twilio Programmable Messaging: one POST per message to the account's Messages resource. */
export const twilio: Provider<TwilioSettings> = {
  name: 'twilio',
  channel: 'sms',
  async send(settings, msg, opts) {
    const base = (settings.base_url ?? 'https://api.twilio.com').replace(/\/+$/, '');
    const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(settings.account_sid)}/Messages.json`;
    const form: Record<string, string> = { To: msg.to, From: settings.from, Body: msg.body };
    if (msg.statusCallbackUrl) form.StatusCallback = msg.statusCallbackUrl;
    const auth = Buffer.from(`${settings.account_sid}:${settings.auth_token}`).toString('base64');

    const reply = await postForm(url, form, {
      provider: 'Twilio',
      timeoutMs: opts.timeoutMs,
      headers: { authorization: `Basic ${auth}` },
    });
    if (reply.status >= 200 && reply.status < 300) {
      // A 2xx means Twilio created the message; a body we cannot read must not turn that
      // into a failure that would be retried into a second SMS.
      const sid = (reply.json as { sid?: unknown } | undefined)?.sid;
      return { providerMessageId: typeof sid === 'string' ? sid : null };
    }
    const body = (reply.json ?? {}) as { code?: unknown; message?: unknown };
    const code = body.code != null ? String(body.code) : String(reply.status);
    const detail = typeof body.message === 'string' ? body.message : reply.text.slice(0, 200);
    throw new ProviderError(`Twilio answered ${reply.status}: ${detail}`, isRetryableStatus(reply.status), code);
  },
};

/**
 * The X-Twilio-Signature Twilio puts on its webhooks: base64(HMAC-SHA1(auth token, the full
 * URL Twilio was given + each POST parameter's name and value, sorted by name)).
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Whether `header` is Twilio's signature for this request; compared in constant time. */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  header: string | null | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(header);
  // A SHA-1 signature always has the same length, so checking it first leaks nothing.
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export interface TwilioStatusUpdate {
  providerMessageId: string;
  status: DeliveryStatus;
  errorCode?: string;
}

const STATUS: Record<string, DeliveryStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

/**
 * Reads a status callback's form parameters. Returns null for statuses we do not track
 * (e.g. inbound `receiving`/`received`) or a callback without a MessageSid.
 */
export function parseTwilioStatus(params: Record<string, string | undefined>): TwilioStatusUpdate | null {
  const sid = params.MessageSid ?? params.SmsSid;
  const status = STATUS[(params.MessageStatus ?? params.SmsStatus ?? '').toLowerCase()];
  if (!sid || !status) return null;
  const update: TwilioStatusUpdate = { providerMessageId: sid, status };
  if (params.ErrorCode) update.errorCode = params.ErrorCode;
  return update;
}
