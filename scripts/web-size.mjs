// How much the admin web app sends: every built file, raw and gzipped, and the JavaScript a
// first visit loads (the scripts index.html names: the entry and what it preloads; screens are
// separate chunks loaded when opened). Budget: first-load JS under 300 KB gzipped.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dir = fileURLToPath(new URL('../dist/web', import.meta.url));
const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export function firstLoad() {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((m) => m[1]);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/([^"]+\.css)"/g)].map((m) => m[1]);
  return { scripts, css, jsGzip: scripts.reduce((n, f) => n + gz(f), 0), cssGzip: css.reduce((n, f) => n + gz(f), 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const assets = readdirSync(join(dir, 'assets')).filter((f) => /\.(js|css)$/.test(f)).sort();
  for (const f of assets) {
    const raw = readFileSync(join(dir, 'assets', f)).length;
    console.log(`${f.padEnd(40)} ${kb(raw).padStart(10)}  gzip ${kb(gz(`assets/${f}`)).padStart(9)}`);
  }
  const first = firstLoad();
  console.log(`\nfirst load: ${first.scripts.join(', ')}`);
  console.log(`first-load JavaScript, gzipped: ${kb(first.jsGzip)} (budget 300 KB); CSS: ${kb(first.cssGzip)}`);
}
