// Customers and agents type digits in whatever keyboard they have: Arabic-Indic (٠-٩),
// Persian/Urdu (۰-۹) or Latin. Everything that reads a number maps them to Latin first.
const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

export function toLatinDigits(input: string): string {
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (code >= ARABIC_INDIC_ZERO && code <= ARABIC_INDIC_ZERO + 9) out += String(code - ARABIC_INDIC_ZERO);
    else if (code >= PERSIAN_ZERO && code <= PERSIAN_ZERO + 9) out += String(code - PERSIAN_ZERO);
    else if (ch === '٫') out += '.'; // Arabic decimal separator
    else if (ch === '٬') out += ','; // Arabic thousands separator
    else out += ch;
  }
  return out;
}

/** Bidi and other invisible format characters that copy-paste drags into phone numbers. */
export function stripFormatCharacters(input: string): string {
  return input.replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]/g, '');
}
