import { ar } from './ar.ts';
import { en, type Messages, type Plural } from './en.ts';

export type Lang = 'ar' | 'en';
export const LANGS: readonly Lang[] = ['ar', 'en'];
export const dirOf = (lang: Lang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');
export const isLang = (v: unknown): v is Lang => v === 'ar' || v === 'en';

const DICTS: Record<Lang, Messages> = { ar, en };

/** Keys whose value is one string; the rest are plurals (`tp`). */
export type Key = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];
export type PluralKey = Exclude<keyof Messages, Key>;
export type Vars = Record<string, string | number>;

const fill = (text: string, vars?: Vars) => (vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text);

export interface Translate {
  (key: Key, vars?: Vars): string;
  /** A count in words: the plural form Intl.PluralRules picks, `{n}` already in the user's digits. */
  plural(key: PluralKey, n: number, vars?: Vars): string;
  /**
   * A label for a code the server sends (a status, an event type): `prefix.code` when we have
   * words for it, else the fallback (the code itself), so a new code never shows a blank.
   */
  code(prefix: string, code: string | null | undefined, fallback?: string, vars?: Vars): string;
  lang: Lang;
}

export function makeTranslate(lang: Lang, formatNumber: (n: number) => string): Translate {
  const dict = DICTS[lang] as Record<string, string | Plural>;
  const rules = new Intl.PluralRules(lang);
  const t = ((key: Key, vars?: Vars) => fill(dict[key] as string, vars)) as Translate;
  t.plural = (key, n, vars) => {
    const forms = dict[key] as Plural;
    const form = (n === 0 && forms.zero) || forms[rules.select(n) as keyof Plural] || forms.other;
    return fill(form, { ...vars, n: formatNumber(n) });
  };
  t.code = (prefix, code, fallback, vars) => {
    if (!code) return fallback ?? '';
    const v = dict[`${prefix}.${code}`];
    return typeof v === 'string' ? fill(v, vars) : fallback ?? code;
  };
  t.lang = lang;
  return t;
}
