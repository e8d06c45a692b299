import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Twilio's Messages API on 127.0.0.1: it checks what Twilio checks (basic
 * auth, the account in the path, the form fields) and answers in Twilio's shapes.
 */

export interface TwilioRequest {
  method: string;
  path: string;
  /** The decoded basic-auth credentials, null when there were none. */
  auth: { user: string; pass: string } | null;
  contentType: string | undefined;
  form: Record<string, string>;
}

export interface TwilioMessage {
  sid: string;
  account_sid: string;
  to: string;
  from: string;
  body: string;
  status: string;
  status_callback: string | null;
}

export interface TwilioStandIn {
  /** Use as `base_url`. */
  url: string;
  accountSid: string;
  authToken: string;
  /** Every request received, in order, including refused ones. */
  requests: TwilioRequest[];
  /** Messages that were accepted (answered 201). */
  messages: TwilioMessage[];
  /** The next `n` requests get `status` (default 500) with Twilio's error JSON. */
  failNext(n: number, status?: number): void;
  /** The next `n` requests are read and then never answered (for timeout tests). */
  hangNext(n: number): void;
  /**
   * Posts a status callback the way Twilio does: form-encoded, signed with X-Twilio-Signature.
   * Only loopback URLs are allowed.
   */
  postStatus(callbackUrl: string, authToken: string, params: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{1,14}$/;

export async function startTwilio(opts: { accountSid?: string; authToken?: string } = {}): Promise<TwilioStandIn> {
  const accountSid = opts.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = opts.authToken ?? randomBytes(16).toString('hex');
  const requests: TwilioRequest[] = [];
  const messages: TwilioMessage[] = [];
  const failures: number[] = [];
  let hang = 0;

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const contentType = req.headers['content-type'];
    const form = contentType?.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw)) : {};
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ method: req.method ?? '', path, auth: basicAuth(req.headers.authorization), contentType, form });

    if (hang > 0) {
      hang -= 1;
      return; // never answered; close() drops the socket
    }
    const injected = failures.shift();
    if (injected !== undefined) return twilioError(res, injected, errorCode(injected), STATUS_TEXT[injected] ?? 'Injected failure');

    const auth = requests.at(-1)!.auth;
    if (!auth || auth.user !== accountSid || auth.pass !== authToken) {
      res.setHeader('www-authenticate', 'Basic realm="Twilio API"');
      return twilioError(res, 401, 20003, 'Authenticate');
    }
    if (req.method !== 'POST' || path !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
      return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
    }
    const { To: to, From: from, Body: body, StatusCallback: callback } = form;
    if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) return twilioError(res, 400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!from) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(res, 400, 21602, 'Message body is required.');
    if ([...body].length > 1600) return twilioError(res, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (callback !== undefined && !isHttpUrl(callback)) return twilioError(res, 400, 21609, 'Invalid StatusCallback url');

    const message: TwilioMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      account_sid: accountSid,
      to,
      from,
      body,
      status: 'queued',
      status_callback: callback ?? null,
    };
    messages.push(message);
    send(res, 201, resource(message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    requests,
    messages,
    failNext(n, status = 500) {
      for (let i = 0; i < n; i++) failures.push(status);
    },
    hangNext(n) {
      hang += n;
    },
    async postStatus(callbackUrl, token, params) {
      const target = new URL(callbackUrl);
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
        throw new Error(`the stand-in only posts to loopback, not ${target.hostname}`);
      }
      const known = messages.find((m) => m.sid === params.MessageSid);
      const full: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        ...(known ? { From: known.from, To: known.to } : {}),
        ...(params.MessageSid ? { SmsSid: params.MessageSid } : {}),
        ...(params.MessageStatus ? { SmsStatus: params.MessageStatus } : {}),
        ...params,
      };
      if (known && params.MessageStatus) known.status = params.MessageStatus;
      const res = await fetch(callbackUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          'x-twilio-signature': sign(token, callbackUrl, full),
          'user-agent': 'TwilioProxy/1.1',
        },
        body: new URLSearchParams(full).toString(),
        signal: AbortSignal.timeout(5000),
      });
      return { status: res.status, body: await res.text() };
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Written out here rather than imported, so the stand-in checks the provider's helper instead of sharing it. */
function sign(authToken: string, url: string, params: Record<string, string>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) data += name + params[name];
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

function resource(m: TwilioMessage) {
  const now = new Date().toUTCString().replace('GMT', '+0000');
  return {
    account_sid: m.account_sid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `/2010-04-01/Accounts/${m.account_sid}/Messages/${m.sid}/Media.json` },
    to: m.to,
    uri: `/2010-04-01/Accounts/${m.account_sid}/Messages/${m.sid}.json`,
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Authenticate',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Twilio's platform errors are 20000 + the HTTP status (20429, 20500, 20503), 20003 for auth. */
const errorCode = (status: number) => (status === 401 ? 20003 : 20000 + status);

function twilioError(res: ServerResponse, status: number, code: number, message: string) {
  send(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function basicAuth(header: string | undefined): { user: string; pass: string } | null {
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
