import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import type { App } from './app.ts';

/*
 * The admin web app (web/, built by `npm run build:web` into dist/web/), served by `wasl serve`.
 * - /assets/* are content-hashed: cached for a year, immutable; sent pre-compressed (.br/.gz
 *   written at build time) to browsers that take it.
 * - Any other GET that is not the API or a public page (/v1, /c/, /health, /metrics, /docs,
 *   /openapi.json) answers index.html, with <html lang dir> already right for this person, so
 *   the first paint is in their language: the `wasl_lang` cookie (set by the app when they
 *   choose), else the signed-in user's language (the `userLanguage` hook), else the browser's
 *   Accept-Language, else Arabic.
 * - No build yet: a plain 503 page saying how to make one.
 */

export type Lang = 'ar' | 'en';

export interface WebAppOptions {
  /** Where the build is; default dist/web at the repository root. */
  dir?: string;
  /**
   * The signed-in user's own language, when they have chosen one; null otherwise. Called only
   * when the request carries a `wasl_session` cookie. The users module provides it.
   */
  userLanguage?: (req: FastifyRequest, services: Services) => Promise<Lang | null>;
}

const DEFAULT_DIR = fileURLToPath(new URL('../../../dist/web', import.meta.url));
const NOT_APP = ['/v1', '/c', '/health', '/metrics', '/docs', '/openapi.json'];

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * What the app may do, and nothing else: scripts, styles and requests to this origin only
 * (Vite's build puts no inline script or style in index.html).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TITLES: Record<Lang, string> = { ar: 'وصل · wasl', en: 'wasl · وصل' };

export function isAppPath(path: string): boolean {
  return !NOT_APP.some((p) => path === p || path.startsWith(`${p}/`));
}

/** `ar` when the browser prefers Arabic to English; `en` when the reverse; null when it names neither. */
export function languageFromAcceptLanguage(header: string | undefined): Lang | null {
  if (!header) return null;
  const best: Partial<Record<Lang, { q: number; at: number }>> = {};
  header.split(',').forEach((part, at) => {
    const [tag, ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary !== 'ar' && primary !== 'en') return;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) return;
    const seen = best[primary];
    if (!seen || q > seen.q) best[primary] = { q, at };
  });
  const { ar, en } = best;
  if (ar && en) return ar.q > en.q || (ar.q === en.q && ar.at < en.at) ? 'ar' : 'en';
  return ar ? 'ar' : en ? 'en' : null;
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

const asLang = (v: string | null | undefined): Lang | null => (v === 'ar' || v === 'en' ? v : null);

/** Put this person's language on <html>, and the title that goes with it. */
export function localizeIndex(html: string, lang: Lang): string {
  return html
    .replace(/<html[^>]*>/i, `<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`)
    .replace(/<title>[^<]*<\/title>/i, `<title>${TITLES[lang]}</title>`);
}

function notBuiltPage(dir: string): string {
  return `<!doctype html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>wasl: the web app is not built</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#17232e}code{background:#eef3f2;padding:.1rem .35rem;border-radius:4px}section{margin-bottom:2rem}</style></head>
<body>
<section><h1>The web app is not built yet</h1>
<p>The API is running, but there is no build of the admin app in <code>${dir.replace(/[<>&]/g, '')}</code>.</p>
<p>Run <code>npm run build:web</code>, then reload this page. (<code>npm start</code> builds it for you.)</p></section>
<section lang="ar" dir="rtl"><h1>تطبيق الويب غير مبني بعد</h1>
<p>الواجهة البرمجية تعمل، لكن لا توجد نسخة مبنية من لوحة التحكم.</p>
<p>شغّل الأمر <code dir="ltr">npm run build:web</code> ثم أعد تحميل الصفحة.</p></section>
</body>
</html>
`;
}

export function webApp(options: WebAppOptions = {}) {
  const dir = resolve(options.dir ?? DEFAULT_DIR);

  return async function webAppRoutes(app: App, services: Services) {
    async function chooseLanguage(req: FastifyRequest): Promise<Lang> {
      const cookies = req.headers.cookie;
      const chosen = asLang(cookieValue(cookies, 'wasl_lang'));
      if (chosen) return chosen;
      if (options.userLanguage && cookieValue(cookies, 'wasl_session')) {
        try {
          const own = await options.userLanguage(req, services);
          if (own) return own;
        } catch (err) {
          req.log.warn({ err }, 'could not read the signed-in user\'s language');
        }
      }
      return languageFromAcceptLanguage(req.headers['accept-language']) ?? 'ar';
    }

    async function sendIndex(req: FastifyRequest, reply: FastifyReply) {
      let html: string;
      try {
        html = await readFile(join(dir, 'index.html'), 'utf8');
      } catch {
        return reply.status(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(notBuiltPage(dir));
      }
      const lang = await chooseLanguage(req);
      return reply
        .header('cache-control', 'no-cache')
        .header('vary', 'Cookie, Accept-Language')
        .header('content-language', lang)
        .header('content-security-policy', CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin')
        .header('x-frame-options', 'DENY')
        .type('text/html; charset=utf-8')
        .send(localizeIndex(html, lang));
    }

    /** A file of the build, compressed when the browser takes it; null when there is none. */
    async function sendFile(req: FastifyRequest, reply: FastifyReply, path: string, immutable: boolean) {
      let rel: string;
      try {
        rel = normalize(decodeURIComponent(path)).replace(/^[/\\]+/, '');
      } catch {
        return null;
      }
      const file = resolve(dir, rel);
      if (!file.startsWith(dir + sep) || rel.split(/[/\\]/).some((p) => p.startsWith('.'))) return null;
      const type = TYPES[extname(file).toLowerCase()];
      if (!type) return null;
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return null;
      const accepts = String(req.headers['accept-encoding'] ?? '');
      let body: Buffer | null = null;
      let encoding: string | null = null;
      for (const [enc, ext] of [['br', '.br'], ['gzip', '.gz']] as const) {
        if (!new RegExp(`\\b${enc}\\b`).test(accepts)) continue;
        body = await readFile(file + ext).catch(() => null);
        if (body) {
          encoding = enc;
          break;
        }
      }
      body ??= await readFile(file);
      if (encoding) reply.header('content-encoding', encoding);
      return reply
        .header('vary', 'Accept-Encoding')
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .type(type)
        .send(body);
    }

    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      const path = req.url.split('?')[0];
      if (!isAppPath(path)) return reply.callNotFound();
      if (path.startsWith('/assets/')) {
        return (await sendFile(req, reply, path, true)) ?? reply.callNotFound();
      }
      // A path that names a file (favicon.svg, robots.txt) is that file or nothing; the rest
      // are the app's own paths (/orders/ord_…), all answered by index.html.
      if (/\.[a-z0-9]+$/i.test(path)) return (await sendFile(req, reply, path, false)) ?? reply.callNotFound();
      return sendIndex(req, reply);
    });
  };
}
