import type { Lang } from './types.ts';

/*
 * A small HTML part for the plain-text email. Inline styles and layout tables only, because mail
 * clients drop <style> blocks and flexbox. dir/lang are repeated on the inner table because Gmail
 * strips the attributes of <html> and <body>.
 */

const FONT = 'system-ui,-apple-system,\'Segoe UI\',Tahoma,\'Noto Naskh Arabic\',Arial,sans-serif';
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]);
}

// Trailing punctuation (Latin and Arabic) ends a sentence, not the URL.
const URL_RE = /https?:\/\/[^\s<>"'«»]+/g;
const TRAILING = /[.,;:!?)\]}،؛؟]+$/;
// A phone like +966 50 123 4567 inside Arabic text shows its "+" on the wrong side unless isolated.
const PHONE_RE = /\+?\d[\d -]{6,}\d/g;

function textHtml(s: string): string {
  return esc(s).replace(PHONE_RE, (p) => `<span dir="ltr">${p}</span>`);
}

function inlineHtml(line: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(URL_RE)) {
    const url = m[0].replace(TRAILING, '');
    const start = m.index ?? 0;
    out += textHtml(line.slice(last, start));
    out += `<a href="${esc(url)}" dir="ltr" style="color:#0f766e;font-weight:600;word-break:break-all">${esc(url)}</a>`;
    last = start + url.length;
  }
  return out + textHtml(line.slice(last));
}

/** The email's HTML part: the plain body escaped, URLs as links, paragraphs and line breaks kept. */
export function emailHtml(body: string, lang: Lang, storeName: string): string {
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const align = lang === 'ar' ? 'right' : 'left';
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p style="margin:0 0 16px">${p.split('\n').map(inlineHtml).join('<br>')}</p>`)
    .join('\n');
  const store = esc(storeName);
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${store}</title>
</head>
<body style="margin:0;padding:0;background-color:#f1f5f4">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f1f5f4">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" lang="${lang}" dir="${dir}" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border-radius:12px;border:1px solid #e3e8e6">
<tr><td dir="${dir}" style="padding:18px 24px;border-bottom:1px solid #e3e8e6;font-family:${FONT};font-size:18px;font-weight:700;color:#1f2933;text-align:${align}">${store}</td></tr>
<tr><td dir="${dir}" style="padding:24px 24px 8px;font-family:${FONT};font-size:16px;line-height:1.7;color:#1f2933;text-align:${align}">
${paragraphs}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
