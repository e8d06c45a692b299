/** Escaping for everything that goes into the page; nothing is interpolated without it. */

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
}

export type AttrValue = string | number | boolean | null | undefined;

/** ` name="value"` pairs, always quoted; `true` gives a bare boolean attribute, false/null/undefined none. */
export function attrs(a: Record<string, AttrValue>): string {
  let out = '';
  for (const [name, v] of Object.entries(a)) {
    if (v === false || v === null || v === undefined) continue;
    out += v === true ? ` ${name}` : ` ${name}="${escapeHtml(v)}"`;
  }
  return out;
}

/**
 * Fills `{name}` slots in a dictionary string. The string itself is escaped; slot values are
 * HTML the caller has already built (and escaped), e.g. a phone number wrapped in <bdi>.
 */
export function fillHtml(text: string, slots: Record<string, string>): string {
  return text
    .split(/(\{[a-z_]+\})/)
    .map((part) => {
      const m = /^\{([a-z_]+)\}$/.exec(part);
      return m && Object.hasOwn(slots, m[1]) ? slots[m[1]] : escapeHtml(part);
    })
    .join('');
}

/** Fills `{name}` slots in plain text (a <title>, which the layout escapes as a whole). */
export function fillText(text: string, slots: Record<string, string>): string {
  return text.replace(/\{([a-z_]+)\}/g, (m, name: string) => (Object.hasOwn(slots, name) ? slots[name] : m));
}

/** Left-to-right runs (phone numbers, codes) inside Arabic text keep their order and their "+". */
export function ltr(text: string): string {
  return `<bdi dir="ltr">${escapeHtml(text)}</bdi>`;
}
