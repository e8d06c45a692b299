import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Unifonic's REST SMS API (`POST /rest/SMS/messages`) on 127.0.0.1. Like
 * Unifonic it takes the parameters from the query string or a form body, answers request
 * errors with its own HTTP statuses (401 Authentication failed, 402 Missing parameter
 * AppSid, 449 Message body is empty, 482 Invalid dest num, ...) and refusals of the
 * message as HTTP 200 with `success: false` and an ER-xx code.
 */

export interface UnifonicRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  /** Query and form parameters merged, form winning. */
  params: Record<string, string>;
}

export interface UnifonicMessage {
  MessageID: string;
  AppSid: string;
  SenderID: string;
  Recipient: string;
  Body: string;
  CorrelationID: string | null;
}

export interface UnifonicStandIn {
  /** Use as `base_url`. */
  url: string;
  appSid: string;
  requests: UnifonicRequest[];
  messages: UnifonicMessage[];
  /** The next `n` requests get HTTP `status` (default 500) with Unifonic's envelope. */
  failNext(n: number, status?: number): void;
  /** The next `n` requests are read and never answered (for timeout tests). */
  hangNext(n: number): void;
  close(): Promise<void>;
}

export async function startUnifonic(opts: { appSid?: string } = {}): Promise<UnifonicStandIn> {
  const appSid = opts.appSid ?? randomBytes(15).toString('base64url');
  const requests: UnifonicRequest[] = [];
  const messages: UnifonicMessage[] = [];
  const failures: number[] = [];
  let hang = 0;
  // Unifonic's ids are large integers, beyond 2^53 here on purpose so a client that reads
  // them as doubles gets caught.
  let nextId = 9007199254740993n;

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const target = new URL(req.url ?? '/', 'http://127.0.0.1');
    const contentType = req.headers['content-type'];
    const form = contentType?.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw)) : {};
    const params = { ...Object.fromEntries(target.searchParams), ...form };
    requests.push({ method: req.method ?? '', path: target.pathname, contentType, params });

    if (hang > 0) {
      hang -= 1;
      return;
    }
    const injected = failures.shift();
    if (injected !== undefined) return refuse(res, injected, STATUS_TEXT[injected] ?? 'Request failed');

    if (req.method !== 'POST' || target.pathname !== '/rest/SMS/messages') return refuse(res, 404, 'Incompatible API version');
    if (!params.AppSid) return refuse(res, 402, 'Missing parameter AppSid');
    if (params.AppSid !== appSid) return refuse(res, 401, 'Authentication failed');
    if (!params.Recipient) return refuse(res, 422, 'No recipient parameter specified');
    if (!params.Body) return refuse(res, 449, 'Message body is empty');
    if (params.SenderID !== undefined && !/^[A-Za-z0-9 .&_-]{1,11}$|^\d{1,16}$/.test(params.SenderID)) {
      return refuse(res, 440, 'Wrong sender format');
    }
    if (params.responseType !== undefined && params.responseType.toUpperCase() !== 'JSON') {
      return refuse(res, 406, 'Wrong parameter format');
    }
    // The number itself is judged like Unifonic does: not digits-only (a "+" or "00" prefix
    // included) is a request error; a plausible but wrong length is a refused message.
    if (!/^[1-9]\d*$/.test(params.Recipient)) return refuse(res, 482, 'Invalid dest num');
    if (params.Recipient.length < 8) return refused(res, 'ER-04', 'Invalid destination number (too short)');
    if (params.Recipient.length > 15) return refused(res, 'ER-03', 'Invalid destination number (too long)');

    const message: UnifonicMessage = {
      MessageID: String(nextId++),
      AppSid: params.AppSid,
      SenderID: params.SenderID ?? 'UNISMS',
      Recipient: params.Recipient,
      Body: params.Body,
      CorrelationID: params.CorrelationID ?? null,
    };
    messages.push(message);
    const data = {
      MessageID: '__ID__',
      CorrelationID: message.CorrelationID ?? '',
      Status: 'Sent',
      NumberOfUnits: 1,
      Cost: 0.05,
      Balance: 100,
      Recipient: message.Recipient,
      TimeCreated: new Date().toISOString().replace('T', ' ').replace('Z', ''),
      CurrencyCode: 'SAR',
    };
    // MessageID goes out as a bare JSON number, as Unifonic sends it.
    const text = JSON.stringify({ success: true, message: '', errorCode: 'ER-00', data }).replace('"__ID__"', message.MessageID);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    appSid,
    requests,
    messages,
    failNext(n, status = 500) {
      for (let i = 0; i < n; i++) failures.push(status);
    },
    hangNext(n) {
      hang += n;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Authentication failed',
  429: 'Too many requests generated by this user',
  500: 'Internal server error',
  503: 'Service unavailable',
  599: 'Request failed',
};

/**
 * A request error. Unifonic publishes the status and its text but no body for these; the
 * envelope with the status as errorCode is this stand-in's assumption.
 */
function refuse(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ success: false, message, errorCode: String(status), data: [] }));
}

/** A refused message: HTTP 200, `success: "false"` (Unifonic sends it as a string here) and an ER code. */
function refused(res: ServerResponse, errorCode: string, message: string) {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ success: 'false', message, errorCode, data: [] }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
