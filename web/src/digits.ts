/*
 * People type digits from whatever keyboard they have: Arabic-Indic (٠-٩), Persian/Urdu (۰-۹) or
 * Latin. Every number or phone field maps them to ASCII before anything reads the value (the
 * server does the same; doing it here keeps what is shown, validated and sent identical).
 */
export function toLatinDigits(input: string): string {
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x0660 && code <= 0x0669) out += String(code - 0x0660);
    else if (code >= 0x06f0 && code <= 0x06f9) out += String(code - 0x06f0);
    else if (ch === '٫') out += '.';
    else if (ch === '٬') out += ',';
    else out += ch;
  }
  return out;
}

/**
 * For an `<input>`'s onChange: rewrite its value to ASCII digits in place, keeping the caret
 * where it was (every replacement is one UTF-16 unit for one, so positions do not move).
 */
export function latinizeInput(el: HTMLInputElement): string {
  const value = toLatinDigits(el.value);
  if (value !== el.value) {
    const { selectionStart, selectionEnd } = el;
    el.value = value;
    if (selectionStart !== null && selectionEnd !== null) el.setSelectionRange(selectionStart, selectionEnd);
  }
  return value;
}
