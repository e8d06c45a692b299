import { stripFormatCharacters, toLatinDigits } from '../../../platform/digits.ts';

export interface AddressInput {
  line1: string;
  line2?: string | null;
  district?: string | null;
  city: string;
  country: string;
}

// The same street is typed with or without hamza, taa marbuta as haa, alef maqsura as yaa,
// Persian keyboard letters, or Arabic-Indic digits. Folding these makes one spelling of a place.
const LETTERS: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا',
  'ة': 'ه', 'ى': 'ي', 'ؤ': 'و', 'ئ': 'ي',
  'ک': 'ك', 'ی': 'ي',
};
const LETTER_RE = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');
// Tashkeel, superscript alef, Quranic annotation marks and tatweel: decoration, not spelling.
const MARKS_RE = /[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
// Punctuation (Arabic ، ؛ ؟ included) and symbols; also keeps "|" out of address keys.
const PUNCT_RE = /[\p{P}\p{S}]/gu;
// "12ب" and "12 ب", "مبنى12" and "مبنى 12" are written both ways.
const DIGIT_EDGE_RE = /(?<=\d)(?=\p{L})|(?<=\p{L})(?=\d)/gu;

export function normalizeArabicText(s: string): string {
  return toLatinDigits(stripFormatCharacters(s))
    .normalize('NFKC') // Arabic presentation forms (ﻣﻜﺔ) from PDFs and old systems
    .replace(MARKS_RE, '')
    .replace(LETTER_RE, (ch) => LETTERS[ch])
    .toLowerCase()
    .replace(PUNCT_RE, ' ')
    .replace(DIGIT_EDGE_RE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Words that are often left out or abbreviated without changing the place. Only whole words,
// only Arabic, only these few: dropping more (e.g. "طريق" road) could merge distinct streets.
const STREET_WORDS = new Set(['شارع', 'ش']); // "ش." is the Egyptian abbreviation of شارع
const DISTRICT_PREFIX = 'حي'; // "حي النرجس" = "النرجس"; ى→ي above already covers "حى"

function dropWords(text: string, words: Set<string>): string {
  return text.split(' ').filter((w) => !words.has(w)).join(' ');
}

/**
 * A matching key for "same delivery address": country|city|district|line1 line2, every part
 * normalised. Cities written in different scripts (Riyadh / الرياض) are not merged here.
 */
export function addressKey(a: AddressInput): string {
  const district = normalizeArabicText(a.district ?? '').split(' ');
  if (district[0] === DISTRICT_PREFIX && district.length > 1) district.shift();
  const lines = normalizeArabicText(`${a.line1} ${a.line2 ?? ''}`);
  return [
    normalizeArabicText(a.country),
    normalizeArabicText(a.city),
    district.join(' '),
    dropWords(lines, STREET_WORDS),
  ].join('|');
}
