import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 (smtp-server), plain text, no STARTTLS. It accepts any
 * login (and none) but records the credentials, collects each message whole, and decodes
 * just enough MIME for tests: headers with RFC 2047 words, the text and html parts.
 */

export interface ReceivedMail {
  /** SMTP envelope: MAIL FROM and RCPT TO. */
  envelope: { from: string; to: string[] };
  /** Credentials the client logged in with on this connection, null if it did not. */
  auth: { user: string; pass: string; method: string } | null;
  /** The message as received (RFC 5322, CRLF line ends). */
  raw: string;
  /** Unfolded headers, names lower-cased, the first occurrence of each, encoded words decoded. */
  headers: Record<string, string>;
  subject: string;
  from: string;
  to: string;
  messageId: string;
  /** Decoded text/plain and text/html parts (first of each), null when absent. */
  text: string | null;
  html: string | null;
}

export type FailStage = 'rcpt' | 'data';

export interface SmtpStandIn {
  /** `smtp://127.0.0.1:<port>`; add credentials as needed. */
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Every login, in order (all are accepted). */
  logins: { user: string; pass: string; method: string }[];
  /** How many SMTP connections clients opened, to see connection reuse. */
  connections(): number;
  /**
   * The next `n` messages are refused with reply `code` (default 451) at RCPT TO or after
   * DATA (default), e.g. failNext(1, 550, 'rcpt') for "mailbox unavailable".
   */
  failNext(n: number, code?: number, stage?: FailStage): void;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<SmtpStandIn> {
  const messages: ReceivedMail[] = [];
  const logins: SmtpStandIn['logins'] = [];
  const failures: { code: number; stage: FailStage }[] = [];
  let connections = 0;
  const sessionAuth = new Map<string, { user: string; pass: string; method: string }>();
  // One planned failure belongs to one message: taken at RCPT or at DATA, whichever comes first for its stage.
  const pending = new Map<string, { code: number; stage: FailStage }>();

  const refusal = (code: number) => Object.assign(new Error(REPLY_TEXT[code] ?? 'Refused by the stand-in'), { responseCode: code });

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    // Tests close the server with client connections still pooled; do not wait 30 s for them.
    closeTimeout: 50,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onAuth(auth, session, callback) {
      const login = { user: auth.username ?? '', pass: auth.password ?? '', method: auth.method };
      logins.push(login);
      sessionAuth.set(session.id, login);
      callback(null, { user: login.user });
    },
    onMailFrom(_address, session, callback) {
      const next = failures.shift();
      if (next) pending.set(session.id, next);
      else pending.delete(session.id);
      callback();
    },
    onRcptTo(_address, session, callback) {
      const planned = pending.get(session.id);
      if (planned?.stage === 'rcpt') return callback(refusal(planned.code));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const planned = pending.get(session.id);
        pending.delete(session.id);
        if (planned) return callback(refusal(planned.code));
        messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), session, sessionAuth.get(session.id) ?? null));
        callback();
      });
    },
    onClose(session) {
      sessionAuth.delete(session.id);
      pending.delete(session.id);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    logins,
    connections: () => connections,
    failNext(n, code = 451, stage = 'data') {
      for (let i = 0; i < n; i++) failures.push({ code, stage });
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const REPLY_TEXT: Record<number, string> = {
  421: 'Service not available, closing transmission channel',
  450: 'Requested mail action not taken: mailbox unavailable',
  451: 'Requested action aborted: local error in processing',
  452: 'Requested action not taken: insufficient system storage',
  550: 'Requested action not taken: mailbox unavailable',
  552: 'Requested mail action aborted: exceeded storage allocation',
  554: 'Transaction failed',
};

function parseMail(raw: string, session: SMTPServerSession, auth: ReceivedMail['auth']): ReceivedMail {
  const { headers, body } = splitHeaders(raw);
  const parts = leafParts(headers, body);
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) decoded[name] = decodeWords(value);
  return {
    envelope: {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((r) => r.address),
    },
    auth,
    raw,
    headers: decoded,
    subject: decoded.subject ?? '',
    from: decoded.from ?? '',
    to: decoded.to ?? '',
    messageId: decoded['message-id'] ?? '',
    text: parts.find((p) => p.type === 'text/plain')?.content ?? null,
    html: parts.find((p) => p.type === 'text/html')?.content ?? null,
  };
}

function splitHeaders(entity: string): { headers: Record<string, string>; body: string } {
  const end = entity.search(/\r?\n\r?\n/);
  const head = end < 0 ? entity : entity.slice(0, end);
  const body = end < 0 ? '' : entity.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  // Unfold: a line starting with whitespace continues the previous header.
  for (const line of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

interface ContentType {
  type: string;
  params: Record<string, string>;
}

function contentType(value: string | undefined): ContentType {
  const [type, ...rest] = (value ?? 'text/plain').split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

function leafParts(headers: Record<string, string>, body: string): { type: string; content: string }[] {
  const ct = contentType(headers['content-type']);
  if (ct.type.startsWith('multipart/') && ct.params.boundary) {
    const delimiter = `--${ct.params.boundary}`;
    const sections = body.split(delimiter).slice(1); // before the first delimiter is the preamble
    const out: { type: string; content: string }[] = [];
    for (const section of sections) {
      if (section.startsWith('--')) break; // closing delimiter
      const part = splitHeaders(section.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
      out.push(...leafParts(part.headers, part.body));
    }
    return out;
  }
  const bytes = decodeTransfer(body, (headers['content-transfer-encoding'] ?? '7bit').toLowerCase());
  return [{ type: ct.type, content: new TextDecoder(ct.params.charset ?? 'utf-8').decode(bytes) }];
}

function decodeTransfer(body: string, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') return qpBytes(body.replace(/=\r?\n/g, ''));
  return Buffer.from(body, 'utf8');
}

/** Quoted-printable (and RFC 2047 "Q", once "_" is turned into a space) to bytes. */
function qpBytes(text: string): Buffer {
  const out: number[] = [];
  const utf8 = Buffer.from(text, 'utf8');
  for (let i = 0; i < utf8.length; i++) {
    const hex = utf8[i] === 0x3d ? utf8.subarray(i + 1, i + 3).toString('latin1') : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(utf8[i]);
  }
  return Buffer.from(out);
}

/**
 * Decodes RFC 2047 encoded words. Adjacent words are joined as bytes before decoding,
 * because an encoder may split one multi-byte character (common with Arabic) across two words.
 */
function decodeWords(value: string): string {
  let out = '';
  let last = 0;
  let charset = '';
  let bytes: Buffer[] = [];
  const flush = () => {
    if (bytes.length) out += new TextDecoder(charset).decode(Buffer.concat(bytes));
    bytes = [];
  };
  for (const m of value.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)) {
    const between = value.slice(last, m.index);
    const wordCharset = m[1].split('*')[0].toLowerCase();
    if (bytes.length && /^\s*$/.test(between)) {
      // Whitespace between two encoded words is folding, not content.
      if (wordCharset !== charset) flush();
    } else {
      flush();
      out += between;
    }
    charset = wordCharset;
    bytes.push(m[2].toUpperCase() === 'B' ? Buffer.from(m[3], 'base64') : qpBytes(m[3].replace(/_/g, ' ')));
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}
