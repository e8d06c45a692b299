// Build the admin web app (web/ → dist/web/) when there is no build or a source is newer than
// it. `npm start` runs this first (prestart) and `npm test` before the browser tests, so nobody
// serves a stale app. `--force` builds regardless.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist/web/index.html');

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

const sources = ['web', 'package-lock.json'].map((p) => join(root, p)).filter(existsSync);
const stale = !existsSync(built) || sources.some((p) => newest(p) > statSync(built).mtimeMs);
if (!stale && !process.argv.includes('--force')) process.exit(0);

console.log(existsSync(built) ? 'web app sources changed: building dist/web…' : 'no build of the web app yet: building dist/web…');
const res = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'web/vite.config.ts'), '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});
if (res.status !== 0) {
  console.error('building the web app failed (see above); the API still runs, and / answers 503 until a build exists.');
  process.exit(res.status ?? 1);
}
