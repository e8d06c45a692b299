import { dirOf, isLang, type Lang } from './i18n/index.ts';
import type { Digits } from './format.ts';

/*
 * The language and digits shown. The server already chose the language of the first paint
 * (`wasl_lang` cookie, else the signed-in user's, else Accept-Language) and wrote it on <html>;
 * the app starts from there, and writes the cookie back whenever the language changes so the
 * next first paint is right too.
 */
export function initialLang(): Lang {
  // The cookie too: Vite's dev server sends index.html as it is, without the server's choice.
  const chosen = /(?:^|;\s*)wasl_lang=(ar|en)(?:;|$)/.exec(document.cookie)?.[1];
  const l = chosen ?? document.documentElement.lang;
  return isLang(l) ? l : 'ar';
}

/** <html lang dir> for this language (already so when the server chose the same). */
export function showLang(lang: Lang) {
  const html = document.documentElement;
  if (html.lang !== lang) html.lang = lang;
  if (html.dir !== dirOf(lang)) html.dir = dirOf(lang);
}

export function applyLang(lang: Lang) {
  showLang(lang);
  document.cookie = `wasl_lang=${lang}; path=/; max-age=31536000; samesite=lax`;
}

export function initialDigits(): Digits {
  try {
    return localStorage.getItem('wasl_digits') === 'arabic' ? 'arabic' : 'latin';
  } catch {
    return 'latin';
  }
}

export function rememberDigits(digits: Digits) {
  try {
    localStorage.setItem('wasl_digits', digits);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}
