import { attrs, escapeHtml } from './html.ts';
import { PAGE_CSS } from './styles.ts';
import { PAGE_TEXT } from './text.ts';
import type { Lang } from './types.ts';

export interface DocumentParts {
  lang: Lang;
  title: string;
  /** Shown on top so the buyer knows whose page this is; problem pages have none. */
  storeName?: string;
  /** Where the language switch goes, without the query. */
  switchPath: string;
  main: string;
  footer?: string;
}

/**
 * The whole HTML document. noindex: the page is personal. no-referrer: the token in the URL must
 * not leak to anything the page links to. Nothing here refers to another host.
 */
export function pageDocument(p: DocumentParts): string {
  const t = PAGE_TEXT[p.lang];
  const other: Lang = p.lang === 'ar' ? 'en' : 'ar';
  const store = p.storeName ? `<span class="store" dir="auto">${escapeHtml(p.storeName)}</span>` : '<span></span>';
  const switchLink = `<a class="lang"${attrs({ href: `${p.switchPath}?lang=${other}`, hreflang: other, lang: other })}>${escapeHtml(PAGE_TEXT[other].langName)}</a>`;
  return `<!doctype html>
<html lang="${p.lang}" dir="${t.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<meta name="format-detection" content="telephone=no">
<title>${escapeHtml(p.title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header class="top"><div class="top-in">${store}${switchLink}</div></header>
<main>
${p.main}
</main>
${p.footer ? `<footer class="foot"><p>${escapeHtml(p.footer)}</p></footer>\n` : ''}</body>
</html>
`;
}
