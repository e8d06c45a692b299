import type { TemplateText } from './types.ts';

// One pass over the text, so a value that itself contains "{{x}}" is never expanded again.
// The optional space before a placeholder is captured so an empty value does not leave
// "Hello ," or "مرحبًا ،" behind.
const PLACEHOLDER = /( ?)\{\{([^{}]*)\}\}/g;

function fill(text: string, vars: Record<string, string>, oneLine: boolean): string {
  return text.replace(PLACEHOLDER, (match, space: string, inner: string, offset: number) => {
    const name = inner.trim();
    // hasOwn: "constructor" or "toString" must not pick up Object.prototype.
    let value = Object.hasOwn(vars, name) ? String(vars[name] ?? '') : '';
    if (oneLine) value = value.replace(/\s+/g, ' ').trim();
    if (value !== '') return space + value;
    const next = text.charAt(offset + match.length);
    return next === '' || /[\s,.!?،؛؟:]/.test(next) ? '' : space;
  });
}

/** Fills `{{ name }}` placeholders; unknown or missing variables render as empty text. */
export function renderTemplate(t: TemplateText, vars: Record<string, string>): { subject?: string; body: string } {
  const body = fill(t.body, vars, false);
  if (t.subject === undefined) return { body };
  // A subject is a mail header: a value with a line break must not split it.
  return { subject: fill(t.subject, vars, true).replace(/[\r\n]+/g, ' '), body };
}
