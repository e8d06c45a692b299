import { isRetryableStatus, postForm } from './http.ts';
import { ProviderError, type Provider, type UnifonicSettings } from './provider.ts';

interface Envelope {
  success?: unknown;
  message?: unknown;
  errorCode?: unknown;
  data?: { MessageID?: unknown } | unknown[];
}

/**
 * Unifonic's REST SMS API (`POST /rest/SMS/messages`). Unifonic reports failures two ways:
 * request errors as (often non-standard) HTTP statuses such as 401, 449, 480, 482, and
 * refusals of the message itself as HTTP 200 with `success: false` and an `ER-xx` code.
 */
export const unifonic: Provider<UnifonicSettings> = {
  name: 'unifonic',
  channel: 'sms',
  async send(settings, msg, opts) {
    // Unifonic wants the international number without "+" or "00"; converting anything
    // that is not E.164 would send to a guessed number.
    if (!/^\+[1-9]\d{6,14}$/.test(msg.to)) {
      throw new ProviderError(`Unifonic needs an E.164 number, got ${JSON.stringify(msg.to)}`, false, 'invalid_recipient');
    }
    const base = (settings.base_url ?? 'https://el.cloud.unifonic.com').replace(/\/+$/, '');
    const form = {
      AppSid: settings.app_sid,
      SenderID: settings.sender_id,
      Body: msg.body,
      Recipient: msg.to.slice(1),
      responseType: 'JSON',
      // Lets a delivery report or a support ticket be matched to our message.
      CorrelationID: msg.id,
    };
    const reply = await postForm(`${base}/rest/SMS/messages`, form, { provider: 'Unifonic', timeoutMs: opts.timeoutMs });
    const body = (reply.json ?? {}) as Envelope;
    const ok = reply.status >= 200 && reply.status < 300;

    if (ok && (body.success === true || body.success === 'true')) {
      return { providerMessageId: messageId(reply.text, body) };
    }
    const code = typeof body.errorCode === 'string' && body.errorCode ? body.errorCode : String(reply.status);
    const detail = typeof body.message === 'string' && body.message ? body.message : reply.text.slice(0, 200);
    if (ok) {
      // A 200 without `success: true` is Unifonic refusing this message (bad number, sender, balance).
      throw new ProviderError(`Unifonic refused the message: ${detail}`, false, code);
    }
    throw new ProviderError(`Unifonic answered ${reply.status}: ${detail}`, isRetryableStatus(reply.status), code);
  },
};

/**
 * MessageID is a JSON number that can outgrow a double's 53 bits, so it is read from the
 * raw text where possible rather than from the parsed (possibly rounded) value.
 */
function messageId(text: string, body: Envelope): string | null {
  const raw = /"MessageID"\s*:\s*"?(\d+)/.exec(text);
  if (raw) return raw[1];
  const parsed = Array.isArray(body.data) ? undefined : body.data?.MessageID;
  return parsed == null || parsed === '' ? null : String(parsed);
}
