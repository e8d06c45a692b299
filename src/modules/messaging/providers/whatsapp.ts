/**
 * WhatsApp Cloud API (Meta Graph API): POST /{version}/{phone_number_id}/messages.
 * A template message when the outgoing message names an approved template (the only kind
 * Meta lets a business start a conversation with), otherwise a plain text message.
 */
import {
  ProviderError,
  type OutgoingMessage,
  type Provider,
  type SendOptions,
  type SendResult,
  type WhatsAppSettings,
} from './provider.ts';

const DEFAULT_BASE_URL = 'https://graph.facebook.com';
const DEFAULT_API_VERSION = 'v21.0';

/**
 * Graph API error codes that clear on their own. Meta reports throttling as HTTP 400, so the
 * status alone would call these permanent: 2 / 131016 service unavailable, 4 app rate limit,
 * 80007 account rate limit, 130429 throughput, 131000 unknown ("try again"), 131048 spam
 * rate limit, 131056 pair rate limit, 131057 maintenance mode.
 */
const RETRYABLE_CODES = new Set(['2', '4', '80007', '130429', '131000', '131016', '131048', '131056', '131057']);

export const whatsapp: Provider<WhatsAppSettings> = {
  name: 'whatsapp',
  channel: 'whatsapp',
  send: sendWhatsApp,
};

async function sendWhatsApp(settings: WhatsAppSettings, msg: OutgoingMessage, opts: SendOptions): Promise<SendResult> {
  const url = messagesUrl(settings);
  const body = JSON.stringify(whatsappRequestBody(msg));
  let status: number;
  let text: string;
  try {
    // One signal covers connecting, waiting and reading the body: a server that sends
    // headers and then stalls must not hold the sender past timeoutMs either.
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${settings.access_token}`, 'content-type': 'application/json' },
      body,
      // Following a redirect would replay the bearer token to a host we did not choose.
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    status = res.status;
    text = await res.text();
  } catch (e) {
    throw transportError(e, opts.timeoutMs);
  }
  const json = parseJson(text);
  if (status >= 200 && status < 300) return { providerMessageId: messageId(json) };
  throw graphError(status, json);
}

function messagesUrl(s: WhatsAppSettings): string {
  const base = (s.base_url ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const version = s.api_version ?? DEFAULT_API_VERSION;
  return `${base}/${encodeURIComponent(version)}/${encodeURIComponent(s.phone_number_id)}/messages`;
}

/** The JSON body Meta expects; exported so the stand-in tests can compare against it. */
export function whatsappRequestBody(msg: OutgoingMessage): Record<string, unknown> {
  // Meta's `to` is the number as digits; it also accepts '+', but digits are what wa_id echoes.
  const to = msg.to.replace(/\D/g, '');
  if (!to) throw new ProviderError(`not a phone number: ${JSON.stringify(msg.to)}`, false, 'invalid_recipient');
  const head = { messaging_product: 'whatsapp', recipient_type: 'individual', to };
  const t = msg.whatsappTemplate;
  if (!t) return { ...head, type: 'text', text: { body: msg.body, preview_url: true } };

  const components: unknown[] = [];
  // A template without variables takes no body component; an empty parameters list is an error.
  if (t.bodyParams.length > 0) {
    components.push({ type: 'body', parameters: t.bodyParams.map((text) => ({ type: 'text', text })) });
  }
  (t.quickReplies ?? []).forEach((payload, index) => {
    components.push({
      type: 'button',
      sub_type: 'quick_reply',
      index: String(index),
      parameters: [{ type: 'payload', payload }],
    });
  });
  return { ...head, type: 'template', template: { name: t.name, language: { code: t.language }, components } };
}

function messageId(json: unknown): string | null {
  const messages = (json as { messages?: unknown } | null)?.messages;
  const id = Array.isArray(messages) ? (messages[0] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

function graphError(status: number, json: unknown): ProviderError {
  const err = (json as { error?: Record<string, unknown> } | null)?.error;
  const code = err && (typeof err.code === 'number' || typeof err.code === 'string') ? String(err.code) : undefined;
  const details = (err?.error_data as { details?: unknown } | undefined)?.details;
  const text = [typeof err?.message === 'string' ? err.message : 'no Graph error body', typeof details === 'string' ? details : null]
    .filter(Boolean)
    .join(': ');
  const retryable = status === 408 || status === 429 || status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
  return new ProviderError(`WhatsApp answered ${status}: ${text}`, retryable, code ?? `http_${status}`);
}

function transportError(e: unknown, timeoutMs: number): ProviderError {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ProviderError(`WhatsApp did not answer within ${timeoutMs} ms`, true, 'timeout');
  }
  // undici hides the system error (ECONNREFUSED, ENOTFOUND…) under `cause`.
  const cause = (e as { cause?: { code?: string; message?: string } } | null)?.cause;
  const why = cause?.code ?? cause?.message ?? (e as Error)?.message ?? String(e);
  return new ProviderError(`WhatsApp unreachable: ${why}`, true, 'network');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
