/*
 * The message templates' rules, as the server applies them (src/modules/messaging/templates/):
 * `{{ name }}` placeholders, the variables each template may use and must use, the limits, and
 * how a template is filled. Here so the editor can say what is wrong and show the message
 * while it is typed; the server checks again on save.
 */

export type Lang = 'ar' | 'en';
export const MAX_BODY = 1000;
export const MAX_SUBJECT = 200;

/** Without the link an SMS or the email leaves the customer nothing to do. */
export const REQUIRED: Record<string, string[]> = { confirm_sms: ['link'], unreachable_email: ['link'] };

export type Problem = { kind: 'empty' } | { kind: 'long'; n: number; max: number } | { kind: 'braces' } | { kind: 'unknown'; name: string } | { kind: 'missing'; name: string } | { kind: 'oneLine' };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The variable names used, and whether any brace is not part of a `{{name}}`. */
export function scan(text: string): { names: string[]; malformed: boolean } {
  const names: string[] = [];
  let malformed = false;
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('{{', i)) {
      const close = text.indexOf('}}', i + 2);
      if (close === -1) return { names, malformed: true };
      const inner = text.slice(i + 2, close);
      if (/[{}]/.test(inner) || !NAME.test(inner.trim())) malformed = true;
      else names.push(inner.trim());
      i = close + 2;
      continue;
    }
    if (text[i] === '{' || text[i] === '}') malformed = true;
    i++;
  }
  return { names, malformed };
}

export function bodyProblems(key: string, body: string, allowed: readonly string[]): Problem[] {
  const out: Problem[] = [];
  if (!body.trim()) return [{ kind: 'empty' }];
  if (body.length > MAX_BODY) out.push({ kind: 'long', n: body.length, max: MAX_BODY });
  const { names, malformed } = scan(body);
  if (malformed) out.push({ kind: 'braces' });
  for (const name of new Set(names)) if (!allowed.includes(name)) out.push({ kind: 'unknown', name });
  for (const name of REQUIRED[key] ?? []) if (!names.includes(name)) out.push({ kind: 'missing', name });
  return out;
}

export function subjectProblems(subject: string, allowed: readonly string[]): Problem[] {
  if (!subject.trim()) return [{ kind: 'empty' }];
  const out: Problem[] = [];
  if (/[\r\n]/.test(subject)) out.push({ kind: 'oneLine' });
  if (subject.length > MAX_SUBJECT) out.push({ kind: 'long', n: subject.length, max: MAX_SUBJECT });
  const { names, malformed } = scan(subject);
  if (malformed) out.push({ kind: 'braces' });
  for (const name of new Set(names)) if (!allowed.includes(name)) out.push({ kind: 'unknown', name });
  return out;
}

const PLACEHOLDER = /( ?)\{\{([^{}]*)\}\}/g;

/** Fill the placeholders as the server does: an empty value takes the space before it along. */
export function fill(text: string, vars: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (match, space: string, inner: string, offset: number) => {
    const name = inner.trim();
    const value = Object.hasOwn(vars, name) ? vars[name] : '';
    if (value !== '') return space + value;
    const next = text.charAt(offset + match.length);
    return next === '' || /[\s,.!?،؛؟:]/.test(next) ? '' : space;
  });
}

// GSM 03.38: the characters an SMS carries at 7 bits; the extension ones take two.
const GSM = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const GSM_EXT = new Set('^{}\\[~]|€\f');

/**
 * How many SMS a text takes: 160 characters in one (153 per part when split) for Latin text,
 * but 70 (67) as soon as one character is outside the GSM alphabet, as Arabic always is.
 */
export function smsParts(text: string): { chars: number; parts: number; unicode: boolean; perPart: number } {
  let units = 0;
  let unicode = false;
  for (const ch of text) {
    if (GSM.has(ch)) units += 1;
    else if (GSM_EXT.has(ch)) units += 2;
    else {
      unicode = true;
      break;
    }
  }
  if (unicode) units = text.length; // UTF-16 code units
  const [single, multi] = unicode ? [70, 67] : [160, 153];
  const parts = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  return { chars: units, parts, unicode, perPart: parts > 1 ? multi : single };
}
