/** Finds `{{ name }}` placeholders and any brace that is not part of one. */

export interface Placeholder {
  name: string;
  start: number;
}

export interface Scan {
  placeholders: Placeholder[];
  /** Human-readable, one per malformed spot. */
  malformed: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function scanPlaceholders(text: string): Scan {
  const placeholders: Placeholder[] = [];
  const malformed: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('{{', i)) {
      const close = text.indexOf('}}', i + 2);
      if (close === -1) {
        malformed.push(`Unclosed "{{" at character ${i + 1}`);
        break;
      }
      const inner = text.slice(i + 2, close);
      const name = inner.trim();
      if (/[{}]/.test(inner)) {
        malformed.push(`Unbalanced braces in "{{${inner}}}" at character ${i + 1}`);
      } else if (!NAME.test(name)) {
        malformed.push(`"{{${inner}}}" at character ${i + 1} is not a variable name`);
      } else {
        placeholders.push({ name, start: i });
      }
      i = close + 2;
      continue;
    }
    const ch = text[i];
    // A lone brace is almost always a half-typed placeholder ("{name}" or "{{name}"), so it is
    // reported rather than sent to a customer as is.
    if (ch === '{' || ch === '}') {
      malformed.push(`Unbalanced "${ch}" at character ${i + 1}`);
    }
    i++;
  }
  return { placeholders, malformed };
}
