import { stripFormatCharacters, toLatinDigits } from '../../../platform/digits.ts';

export interface CanonicalEmail {
  raw: string;
  /** One mailbox, one key: tags and provider aliases removed. Null when not an email. */
  canonical: string | null;
  valid: boolean;
  /** Domain of the canonical address (googlemail.com reads as gmail.com). */
  domain: string | null;
}

interface ProviderRule {
  /** Sub-address separator the provider ignores when delivering. */
  tag: '+' | '-';
  /** Gmail delivers a.b.c and abc to the same mailbox. */
  dropDots?: boolean;
  /** Domains that are one mailbox namespace. */
  domain?: string;
}

// A customer who orders as ali+shop1@gmail.com and ali+shop2@gmail.com is one person. We only
// fold addresses for providers whose delivery rules are documented; for any other domain the
// local part is kept as written, since e.g. "ali+x" and "ali" can be different mailboxes on a
// company server. GMX is left out on purpose: it does not support plus addresses.
const PLUS: ProviderRule = { tag: '+' };
const YAHOO: ProviderRule = { tag: '-' }; // Yahoo disposable addresses are "basename-keyword"
const PROVIDERS: Record<string, ProviderRule> = {
  'gmail.com': { tag: '+', dropDots: true },
  'googlemail.com': { tag: '+', dropDots: true, domain: 'gmail.com' },
  ...Object.fromEntries(
    [
      'outlook.com', 'hotmail.com', 'live.com', 'msn.com',
      'icloud.com', 'me.com', 'mac.com',
      'protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me',
      'fastmail.com', 'fastmail.fm',
      'yandex.ru', 'yandex.com',
      'zoho.com',
    ].map((d) => [d, PLUS]),
  ),
  ...Object.fromEntries(
    [
      'yahoo.com', 'ymail.com', 'rocketmail.com',
      'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.es', 'yahoo.it', 'yahoo.ca', 'yahoo.com.au',
      'yahoo.co.in', 'yahoo.com.br', 'yahoo.com.mx',
    ].map((d) => [d, YAHOO]),
  ),
};

// Deliberately simpler than RFC 5322: quoted local parts and IP-literal domains do not occur in
// shop checkouts, and accepting them would only let garbage through.
const LOCAL = /^[^\s@"(),:;<>[\]\\]+$/;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const TLD = /^\p{L}{2,}$/u;

function unwrap(raw: string): string {
  let s = toLatinDigits(stripFormatCharacters(raw)).trim();
  const bracketed = /^<(.*)>$/s.exec(s);
  if (bracketed) s = bracketed[1].trim();
  if (/^mailto:/i.test(s)) s = s.slice('mailto:'.length).split('?')[0].trim();
  return s;
}

function isValidDomain(domain: string): boolean {
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((l) => l.length <= 63 && LABEL.test(l)) && TLD.test(labels.at(-1)!);
}

function isValidLocal(local: string): boolean {
  return local.length > 0 && local.length <= 64 && LOCAL.test(local) &&
    !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

export function canonicalEmail(raw: string): CanonicalEmail {
  const s = unwrap(raw).toLowerCase();
  const at = s.lastIndexOf('@');
  let local = s.slice(0, at);
  let domain = s.slice(at + 1).replace(/\.$/, ''); // "gmail.com." is the same host
  if (at < 0 || !isValidLocal(local) || !isValidDomain(domain)) {
    return { raw, canonical: null, valid: false, domain: null };
  }

  const rule = PROVIDERS[domain];
  if (rule) {
    let folded = local.split(rule.tag)[0];
    if (rule.dropDots) folded = folded.replaceAll('.', '');
    // "+x@gmail.com" has no account part to keep; fall back to the address as written.
    if (folded) local = folded;
    domain = rule.domain ?? domain;
  }
  return { raw, canonical: `${local}@${domain}`, valid: true, domain };
}
