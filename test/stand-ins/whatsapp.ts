/**
 * A local stand-in for Meta's WhatsApp Cloud API, so tests exercise real HTTP without
 * leaving 127.0.0.1. It answers POST /{version}/{phone_number_id}/messages the way the
 * Graph API does (same success and error JSON), and builds Meta-shaped webhook bodies,
 * signed like X-Hub-Signature-256, for posting back at our own server.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WhatsAppStandInOptions {
  token: string;
  phoneNumberId: string;
  /** Template names Meta would accept; a name outside the list gets error 132001. Omitted: every name. */
  approvedTemplates?: string[];
}

export interface AcceptedMessage {
  wamid: string;
  body: any;
}

export interface WhatsAppStandIn {
  /** Use as WhatsAppSettings.base_url. */
  url: string;
  /** Every JSON body posted to the messages endpoint, accepted or not, in arrival order. */
  requests: any[];
  /** The bodies answered 200, with the wamid each was given. */
  accepted: AcceptedMessage[];
  /** The next n requests get `status` with a Graph error (code defaults by status), before any check. */
  failNext(n: number, status: number, errorCode?: number): void;
  /** The next n requests are read and then never answered (for timeouts). */
  stallNext(n: number): void;
  close(): Promise<void>;
  webhookBody<K extends keyof WebhookKinds>(kind: K, opts: WebhookKinds[K]): WebhookBody;
  sign(appSecret: string, body: string | Buffer | object): string;
}

export async function startWhatsAppStandIn(opts: WhatsAppStandInOptions): Promise<WhatsAppStandIn> {
  const requests: any[] = [];
  const accepted: AcceptedMessage[] = [];
  let failures: { left: number; status: number; code?: number } = { left: 0, status: 500 };
  let stalls = 0;

  const server = createServer((req, res) => {
    readBody(req).then(
      (raw) => {
        const parsed = parseJson(raw);
        if (req.method === 'POST' && parsed !== undefined) requests.push(parsed);
        if (stalls > 0) {
          stalls -= 1;
          return; // never answered; close() tears the socket down
        }
        if (failures.left > 0) {
          failures.left -= 1;
          const code = failures.code ?? defaultCode(failures.status);
          return graphError(res, failures.status, code, ERROR_TEXT[code] ?? 'Simulated failure');
        }
        handle(req, res, parsed, opts, accepted);
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted,
    failNext(n, status, errorCode) {
      failures = { left: n, status, code: errorCode };
    },
    stallNext(n) {
      stalls = n;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
    webhookBody: (kind, o) => whatsappWebhookBody(kind, o, opts.phoneNumberId),
    sign: signWhatsAppBody,
  };
}

function handle(req: IncomingMessage, res: ServerResponse, body: unknown, opts: WhatsAppStandInOptions, accepted: AcceptedMessage[]) {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const m = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/.exec(path);
  if (!m || req.method !== 'POST') {
    return graphError(res, 400, 100, `Unknown path components: ${path}`);
  }
  // Graph checks the token before it looks at the object it was asked about.
  if (req.headers.authorization !== `Bearer ${opts.token}`) {
    return graphError(res, 401, 190, 'Invalid OAuth access token - Cannot parse access token');
  }
  if (decodeURIComponent(m[2]) !== opts.phoneNumberId) {
    // What Graph answers for an ID the token cannot see: 400, code 100, subcode 33.
    return graphError(res, 400, 100, `Unsupported post request. Object with ID '${m[2]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`, 33);
  }
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return graphError(res, 400, 100, '(#100) Invalid parameter', undefined, 'Request body must be JSON');
  }
  const problem = validate(body);
  if (problem) return graphError(res, 400, 100, '(#100) Invalid parameter', undefined, problem);
  const b = body as any;
  if (b.type === 'template' && opts.approvedTemplates && !opts.approvedTemplates.includes(b.template.name)) {
    // Meta documents the code, not the HTTP status; 404 is what public captures of this error show.
    return graphError(res, 404, 132001, '(#132001) Template name does not exist in the translation', undefined,
      `template name (${b.template.name}) does not exist in ${b.template.language.code}`);
  }
  const wamid = `wamid.${randomBytes(30).toString('base64')}`;
  accepted.push({ wamid, body });
  send(res, 200, {
    messaging_product: 'whatsapp',
    contacts: [{ input: b.to, wa_id: b.to }],
    messages: [{ id: wamid, message_status: 'accepted' }],
  });
}

/** The request shapes our provider may send; returns what is wrong, or null. */
function validate(body: unknown): string | null {
  if (!isObject(body)) return 'body must be a JSON object';
  if (body.messaging_product !== 'whatsapp') return 'messaging_product must be "whatsapp"';
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual') return 'recipient_type must be "individual"';
  if (typeof body.to !== 'string' || !/^\d{7,15}$/.test(body.to)) return 'to must be the phone number as 7-15 digits';
  if (body.type === 'text') {
    const t = body.text;
    if (!isObject(t) || typeof t.body !== 'string' || t.body.length === 0 || t.body.length > 4096) return 'text.body must be 1-4096 characters';
    if (t.preview_url !== undefined && typeof t.preview_url !== 'boolean') return 'text.preview_url must be a boolean';
    return null;
  }
  if (body.type !== 'template') return 'type must be "text" or "template"';
  const t = body.template;
  if (!isObject(t) || typeof t.name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(t.name)) return 'template.name must be a template name';
  if (!isObject(t.language) || typeof t.language.code !== 'string' || !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(t.language.code)) return 'template.language.code must be a locale such as "ar" or "en_US"';
  if (t.components === undefined) return null;
  if (!Array.isArray(t.components)) return 'template.components must be an array';
  for (const c of t.components) {
    const p = validateComponent(c);
    if (p) return p;
  }
  return null;
}

function validateComponent(c: unknown): string | null {
  if (!isObject(c) || !Array.isArray(c.parameters) || c.parameters.length === 0) return 'each component needs a non-empty parameters array';
  if (c.type === 'body') {
    const ok = c.parameters.every((p) => isObject(p) && p.type === 'text' && typeof p.text === 'string' && p.text.length > 0);
    return ok ? null : 'body parameters must be {type: "text", text: non-empty string}';
  }
  if (c.type === 'button') {
    if (c.sub_type !== 'quick_reply') return 'button sub_type must be "quick_reply"';
    if (typeof c.index !== 'string' || !/^\d$/.test(c.index)) return 'button index must be a digit string';
    const [p] = c.parameters;
    const ok = c.parameters.length === 1 && isObject(p) && p.type === 'payload' && typeof p.payload === 'string' && p.payload.length > 0;
    return ok ? null : 'quick_reply parameters must be one {type: "payload", payload: string}';
  }
  return `unsupported component type ${JSON.stringify(c.type)}`;
}

const ERROR_TEXT: Record<number, string> = {
  1: '(#1) An unknown error occurred',
  2: '(#2) Service temporarily unavailable',
  100: '(#100) Invalid parameter',
  190: 'Invalid OAuth access token - Cannot parse access token',
  130429: '(#130429) Rate limit hit',
  131026: '(#131026) Message undeliverable',
  131048: '(#131048) Spam rate limit hit',
  131056: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
  132001: '(#132001) Template name does not exist in the translation',
};

function defaultCode(status: number): number {
  if (status === 401) return 190;
  if (status === 429) return 130429;
  if (status >= 500) return 2;
  return 100;
}

function graphError(res: ServerResponse, status: number, code: number, message: string, subcode?: number, details?: string) {
  send(res, status, {
    error: {
      message,
      type: 'OAuthException',
      code,
      ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: randomBytes(12).toString('base64url'),
    },
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ── Webhook bodies ───────────────────────────────────────────────────────────────────────

/** Phone numbers may be given as E.164 ('+9665…') or digits; Meta sends digits. */
export interface WebhookKinds {
  status: { wamid: string; status: 'sent' | 'delivered' | 'read' | 'failed'; recipient: string; timestamp?: number; error?: { code: number; title: string } };
  button: { from: string; contextId: string; payload: string; text?: string; profileName?: string; wamid?: string; timestamp?: number };
  interactive: { from: string; contextId: string; id: string; title: string; profileName?: string; wamid?: string; timestamp?: number };
  text: { from: string; text: string; contextId?: string; profileName?: string; wamid?: string; timestamp?: number };
}

export type WebhookBody = { object: 'whatsapp_business_account'; entry: unknown[] };

const WABA_ID = '102290129340398';
const DISPLAY_NUMBER = '15550783881';

/** A webhook body shaped like Meta's published examples, for a business phone number id. */
export function whatsappWebhookBody<K extends keyof WebhookKinds>(kind: K, opts: WebhookKinds[K], phoneNumberId: string): WebhookBody {
  const o = opts as any;
  const ts = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  let value: Record<string, unknown>;
  if (kind === 'status') {
    const s = opts as WebhookKinds['status'];
    value = {
      statuses: [{
        id: s.wamid,
        status: s.status,
        timestamp: ts,
        recipient_id: digits(s.recipient),
        ...(s.status === 'failed' && s.error
          ? { errors: [{ code: s.error.code, title: s.error.title, message: s.error.title, error_data: { details: s.error.title }, href: '/documentation/business-messaging/whatsapp/support/error-codes' }] }
          : {}),
      }],
    };
  } else {
    const from = digits(o.from);
    const message: Record<string, unknown> = {
      ...(o.contextId ? { context: { from: DISPLAY_NUMBER, id: o.contextId } } : {}),
      from,
      id: o.wamid ?? `wamid.${randomBytes(30).toString('base64')}`,
      timestamp: ts,
    };
    if (kind === 'button') Object.assign(message, { type: 'button', button: { payload: o.payload, text: o.text ?? o.payload } });
    if (kind === 'interactive') Object.assign(message, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: o.id, title: o.title } } });
    if (kind === 'text') Object.assign(message, { type: 'text', text: { body: o.text } });
    value = { contacts: [{ profile: { name: o.profileName ?? 'Customer' }, wa_id: from }], messages: [message] };
  }
  return {
    object: 'whatsapp_business_account',
    entry: [{
      id: WABA_ID,
      changes: [{
        value: { messaging_product: 'whatsapp', metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: phoneNumberId }, ...value },
        field: 'messages',
      }],
    }],
  };
}

/**
 * The X-Hub-Signature-256 header Meta would send. An object is signed as JSON.stringify(body):
 * post exactly that string, since the signature covers the bytes.
 */
export function signWhatsAppBody(appSecret: string, body: string | Buffer | object): string {
  const bytes = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return `sha256=${createHmac('sha256', appSecret).update(bytes).digest('hex')}`;
}

function digits(phone: string): string {
  return String(phone).replace(/\D/g, '');
}
