import nodemailer from 'nodemailer';
import { ProviderError, type EmailSettings, type OutgoingMessage, type Provider } from './provider.ts';

type Transport = ReturnType<typeof createPool>;

/**
 * One pooled transport per server and timeout, so sends reuse open SMTP connections instead
 * of handshaking (and authenticating) for every message.
 */
const transports = new Map<string, Transport>();

/** Email over SMTP (`smtp://` plain or opportunistic STARTTLS, `smtps://` implicit TLS). */
export const smtp: Provider<EmailSettings> = {
  name: 'smtp',
  channel: 'email',
  async send(settings, msg, opts) {
    const transport = transportFor(settings.smtp_url, opts.timeoutMs);
    try {
      const info = await transport.sendMail({
        from: settings.from,
        to: msg.to,
        subject: msg.subject ?? '',
        text: msg.body,
        ...(msg.html ? { html: msg.html } : {}),
        // Derived from our id so that a retry after a lost reply carries the same Message-ID,
        // which receiving servers and mail clients use to drop the duplicate.
        messageId: messageIdFor(msg, settings.from),
        // Socket timeouts miss a server that trickles its replies; this bounds the whole send.
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      return { providerMessageId: info.messageId ?? null };
    } catch (err) {
      throw classify(err, opts.timeoutMs);
    }
  },
};

/** Closes every cached transport (idle connections at once, a delivery in progress once it ends). */
export function closeSmtpTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

function transportFor(smtpUrl: string, timeoutMs: number): Transport {
  const key = `${timeoutMs} ${smtpUrl}`;
  let transport = transports.get(key);
  if (!transport) {
    transport = createPool(smtpUrl, timeoutMs);
    // Each failed send already rejects its own promise; an 'error' event nobody listens to
    // would instead take the whole worker process down.
    transport.on('error', () => {});
    transports.set(key, transport);
  }
  return transport;
}

function createPool(smtpUrl: string, timeoutMs: number) {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new ProviderError('smtp_url is not a URL', false, 'invalid_settings');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ProviderError(`smtp_url must start with smtp:// or smtps://, not ${url.protocol}//`, false, 'invalid_settings');
  }
  return nodemailer.createTransport({
    pool: true,
    // The brackets of an IPv6 literal are URL syntax, not part of the address.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    ...(url.port ? { port: Number(url.port) } : {}),
    // Implicit TLS only for smtps://; smtp:// upgrades with STARTTLS when offered but does
    // not insist, so a plain relay (e.g. on loopback) works.
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    // Messages are built from our own text only; never let a field pull in a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

function messageIdFor(msg: OutgoingMessage, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'wasl.invalid';
  return `<${msg.id.replace(/[^A-Za-z0-9._-]/g, '')}@${domain}>`;
}

/** Error codes nodemailer uses for failures that another attempt would hit again. */
const PERMANENT = new Set([
  'EENVELOPE',
  'ECONFIG',
  'EAUTH',
  'ENOAUTH',
  'EMAXRECIPIENTS',
  'EFILEACCESS',
  'EURLACCESS',
  'ETLS',
  'EREQUIRETLS',
]);

function classify(err: unknown, timeoutMs: number): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = err as { code?: string; originalCode?: string; responseCode?: number; permanent?: boolean; response?: string; message?: string };
  if (typeof e.responseCode === 'number') {
    // RFC 5321: 5yz is a permanent refusal, 4yz a transient one; 503 only says the session
    // was out of step, which a fresh connection fixes.
    const permanent = e.permanent ?? (e.responseCode >= 500 && e.responseCode < 600 && e.responseCode !== 503);
    return new ProviderError(`SMTP server refused: ${e.response ?? e.message}`, !permanent, String(e.responseCode));
  }
  if (e.code === 'EABORT' || e.code === 'ETIMEDOUT') {
    return new ProviderError(`SMTP server did not finish within ${timeoutMs} ms`, true, 'timeout');
  }
  const code = e.originalCode ?? e.code ?? 'smtp_error';
  return new ProviderError(`SMTP send failed: ${e.message ?? String(err)}`, !PERMANENT.has(e.code ?? ''), code);
}
