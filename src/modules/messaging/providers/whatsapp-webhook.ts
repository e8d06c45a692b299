/**
 * The receiving half of WhatsApp: Meta's signed webhook POSTs and the GET handshake.
 * Pure functions over what arrived; the route that calls them decides what to store.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type WhatsAppStatusName = 'sent' | 'delivered' | 'read' | 'failed';

export interface WhatsAppStatus {
  providerMessageId: string;
  status: WhatsAppStatusName;
  at: Date;
  recipient: string;
  error?: { code: string; title: string };
}

export interface WhatsAppInbound {
  providerMessageId: string;
  /** E.164 with '+'. */
  from: string;
  at: Date;
  /** context.id: the message this one replies to (for a button tap, the message carrying the button). */
  contextId: string | null;
  kind: 'button' | 'interactive' | 'text' | 'other';
  /** button.payload, or interactive button_reply.id / list_reply.id. */
  payload: string | null;
  /** text.body, button.text, or button_reply.title / list_reply.title. */
  text: string | null;
  profileName: string | null;
}

/**
 * X-Hub-Signature-256 is `sha256=` + hex HMAC-SHA256 of the raw body keyed with the app secret.
 * It must be checked on the bytes as received: re-serialised JSON would not match.
 */
export function verifyWhatsAppSignature(appSecret: string, rawBody: Buffer, header: string | undefined): boolean {
  // Anyone can compute an HMAC with an empty key, so an unset secret verifies nothing.
  if (!appSecret || typeof header !== 'string' || !Buffer.isBuffer(rawBody)) return false;
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(m[1], 'hex'));
}

/**
 * Meta's GET handshake: answer 200 with hub.challenge when hub.mode is "subscribe" and
 * hub.verify_token is ours; anything else must not be 200 or Meta would subscribe an
 * endpoint configured by someone else.
 */
export function verificationChallenge(
  query: Record<string, unknown>,
  verifyToken: string,
): { ok: true; challenge: string } | { ok: false } {
  if (!verifyToken || !isObject(query)) return { ok: false };
  const mode = hubParam(query, 'mode');
  const token = hubParam(query, 'verify_token');
  const challenge = hubParam(query, 'challenge');
  if (mode !== 'subscribe' || token === null || !sameSecret(token, verifyToken)) return { ok: false };
  // Echoed back verbatim, so keep it to what Meta sends (a short printable token), never markup.
  if (challenge === null || !/^[\x21-\x7e]{1,256}$/.test(challenge) || /[<>&"']/.test(challenge)) return { ok: false };
  return { ok: true, challenge };
}

/** Reads `hub.x` as a flat key (querystring) or nested (qs-style parsers); repeated keys are refused. */
function hubParam(query: Record<string, unknown>, name: string): string | null {
  const hub = query.hub;
  const v = query[`hub.${name}`] ?? (isObject(hub) ? hub[name] : undefined);
  return typeof v === 'string' ? v : null;
}

/** Compares digests so neither the length nor the content of the secret leaks through timing. */
function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

const STATUS_NAMES: ReadonlySet<string> = new Set<WhatsAppStatusName>(['sent', 'delivered', 'read', 'failed']);

/**
 * Walks entry[].changes[].value for field "messages". The body comes from the internet:
 * anything that is not the documented shape is skipped, never thrown on.
 */
export function parseWhatsAppWebhook(body: unknown): { statuses: WhatsAppStatus[]; inbound: WhatsAppInbound[] } {
  const statuses: WhatsAppStatus[] = [];
  const inbound: WhatsAppInbound[] = [];
  for (const entry of arrayOf(isObject(body) ? body.entry : undefined)) {
    for (const change of arrayOf(isObject(entry) ? entry.changes : undefined)) {
      if (!isObject(change) || change.field !== 'messages' || !isObject(change.value)) continue;
      const value = change.value;
      for (const s of arrayOf(value.statuses)) {
        const parsed = parseStatus(s);
        if (parsed) statuses.push(parsed);
      }
      const names = contactNames(value.contacts);
      for (const m of arrayOf(value.messages)) {
        const parsed = parseMessage(m, names);
        if (parsed) inbound.push(parsed);
      }
    }
  }
  return { statuses, inbound };
}

function parseStatus(s: unknown): WhatsAppStatus | null {
  if (!isObject(s)) return null;
  const id = str(s.id);
  const status = str(s.status);
  const at = unixTime(s.timestamp);
  // Other statuses (e.g. "played" for voice notes) say nothing about an order message.
  if (!id || !status || !STATUS_NAMES.has(status) || !at) return null;
  const out: WhatsAppStatus = { providerMessageId: id, status: status as WhatsAppStatusName, at, recipient: str(s.recipient_id) ?? '' };
  const first = arrayOf(s.errors)[0];
  if (isObject(first) && (typeof first.code === 'number' || typeof first.code === 'string')) {
    out.error = { code: String(first.code), title: str(first.title) ?? str(first.message) ?? '' };
  }
  return out;
}

function parseMessage(m: unknown, names: Map<string, string>): WhatsAppInbound | null {
  if (!isObject(m)) return null;
  const id = str(m.id);
  const at = unixTime(m.timestamp);
  const digits = str(m.from)?.replace(/^\+/, '') ?? '';
  // A sender without a phone number (a username-only user known by BSUID) cannot be matched to an order.
  if (!id || !at || !/^\d{6,15}$/.test(digits)) return null;
  const context = isObject(m.context) ? str(m.context.id) : null;
  const base = { providerMessageId: id, from: `+${digits}`, at, contextId: context, profileName: names.get(digits) ?? null };
  const type = str(m.type);
  if (type === 'button' && isObject(m.button)) {
    return { ...base, kind: 'button', payload: str(m.button.payload), text: str(m.button.text) };
  }
  if (type === 'interactive' && isObject(m.interactive)) {
    const i = m.interactive;
    const reply = isObject(i.button_reply) ? i.button_reply : isObject(i.list_reply) ? i.list_reply : null;
    if (reply) return { ...base, kind: 'interactive', payload: str(reply.id), text: str(reply.title) };
  }
  if (type === 'text' && isObject(m.text)) {
    return { ...base, kind: 'text', payload: null, text: str(m.text.body) };
  }
  return { ...base, kind: 'other', payload: null, text: null };
}

function contactNames(contacts: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const c of arrayOf(contacts)) {
    if (!isObject(c) || !isObject(c.profile)) continue;
    const waId = str(c.wa_id)?.replace(/^\+/, '');
    const name = str(c.profile.name);
    if (waId && name) names.set(waId, name);
  }
  return names;
}

/** Meta sends Unix seconds as a string; a number is tolerated. Nonsense gives null. */
function unixTime(v: unknown): Date | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  const d = new Date(n * 1000);
  return Number.isNaN(d.getTime()) ? null : d;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function arrayOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

// ── Reply intent ──────────────────────────────────────────────────────────────────────────
//
// A free-text reply decides an order only when every word in it is a yes word (or every word
// a no word), give or take politeness. Anything else is null and left to a person: a wrong
// "cancel" loses a sale, a missed one costs a phone call.

const YES_WORDS = [
  'yes', 'y', 'ok', 'okay', 'sure', 'confirm', 'confirmed', 'yep', 'yeah', 'yup', '1',
  'نعم', 'ايوه', 'ايوة', 'ايوا', 'اي', 'تمام', 'اكيد', 'موافق', 'موافقه', 'موافقة', 'اكد', 'تاكيد', 'اوكي',
];
const NO_WORDS = [
  'no', 'n', 'cancel', 'nope', 'nah', '2',
  'لا', 'الغاء', 'الغي', 'الغ', 'مش عايز', 'مش عايزه', 'مش عايزة', 'ما ابي', 'ماابي', 'مابي',
  'ما ابغي', 'مابغي', 'مش موافق', 'مو موافق', 'غير موافق',
];
/** Words that change nothing: "yes please", "لا شكرا", "cancel my order". */
const NEUTRAL_WORDS = [
  'please', 'pls', 'plz', 'thanks', 'thank you', 'thx', 'order', 'my order', 'the order', 'it',
  'شكرا', 'لو سمحت', 'من فضلك', 'الطلب', 'طلبي',
];
/** 👍 ✅ ✔ ☑ 👌, with any skin tone or variation selector. */
const YES_EMOJI = /(?:\u{1F44D}|\u{2705}|\u{2714}|\u{2611}|\u{1F44C})[\u{1F3FB}-\u{1F3FF}\u{FE0F}]*/gu;

type Intent = 'confirm' | 'cancel';
const PHRASES = new Map<string, Intent | 'neutral'>();
for (const [words, intent] of [[YES_WORDS, 'confirm'], [NO_WORDS, 'cancel'], [NEUTRAL_WORDS, 'neutral']] as const) {
  for (const w of words) PHRASES.set(normalizeReply(w), intent);
}
const LONGEST_PHRASE = Math.max(...[...PHRASES.keys()].map((p) => p.split(' ').length));

/**
 * What a customer's reply to "reply 1 to confirm, 2 to cancel" means. A button payload of
 * "confirm"/"cancel" wins; otherwise the text is read in Arabic (Gulf and Egyptian) or English.
 */
export function replyIntent(text: string | null, payload: string | null): Intent | null {
  const p = typeof payload === 'string' ? payload.trim().toLowerCase() : '';
  if (p === 'confirm' || p === 'cancel') return p;
  if (typeof text !== 'string' || text.length > 200) return null;
  // "ok?" asks rather than answers.
  if (/[?\u061F\uFF1F]/.test(text)) return null;
  const words = normalizeReply(text.replace(YES_EMOJI, ' yes ')).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 8) return null;

  const seen = new Set<Intent>();
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(LONGEST_PHRASE, words.length - i); n > 0 && !matched; n--) {
      const meaning = PHRASES.get(words.slice(i, i + n).join(' '));
      if (meaning === undefined) continue;
      if (meaning !== 'neutral') seen.add(meaning);
      matched = n;
    }
    if (!matched) return null; // a word we do not understand: "no problem", "لا تلغي"
    i += matched;
  }
  return seen.size === 1 ? [...seen][0] : null;
}

/**
 * Folds the ways one word gets typed into one spelling: compatibility forms, diacritics,
 * tatweel, invisible marks, alef/ya variants, Arabic-Indic digits, case, stretched letters
 * ("yesss", "لاااا"), and punctuation or emoji around the words.
 */
function normalizeReply(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g, '') // harakat, superscript alef, Quranic marks, tatweel
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/g, '') // zero-width and bidi controls
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // آ أ إ ٱ → ا
    .replace(/\u0649/g, '\u064A') // ى → ي
    .toLowerCase()
    .replace(/(\p{L})\1+/gu, '$1')
    .replace(/[\p{P}\p{S}\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{20E3}\u{200D}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
