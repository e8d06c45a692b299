// `npm test`: type-check, then every test on the embedded database (PGlite), then the
// integration tests (test/) again on a real PostgreSQL server. Prints one closing line
// "N passed, N failed" over all runs.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const PG_URL = process.env.WASL_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const only = process.argv.slice(2);

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const pick = (files) => (only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files);
const unit = pick(find('src'));
const integration = pick(find('test'));
const totals = { pass: 0, fail: 0, skipped: 0 };

function run(label, files, env) {
  if (!files.length) return;
  console.log(`\n=== ${label}: ${files.length} files ===`);
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=3', '--test-timeout=300000', ...files],
    { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  process.stdout.write(res.stdout);
  process.stderr.write(res.stderr);
  const count = (word) => Number((res.stdout.match(new RegExp(`^ℹ ${word} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  totals.pass += count('pass');
  totals.fail += count('fail') + count('cancelled');
  totals.skipped += count('skipped');
  if (res.status !== 0 && count('fail') + count('cancelled') === 0) totals.fail += 1; // crashed runner
}

if (!only.length) {
  console.log('=== type-check ===');
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit'], { stdio: 'inherit' });
  if (tsc.status !== 0) totals.fail += 1;
  // The web app has its own settings (DOM, JSX); a missing translation key fails here.
  const web = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'web'], { stdio: 'inherit' });
  if (web.status !== 0) totals.fail += 1;
}

// The browser tests drive the built app: build it first when it is missing or stale.
if (integration.some((f) => /web-|browser/.test(f))) {
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) totals.fail += 1;
}

run('unit + integration on PGlite', [...unit, ...integration], { WASL_TEST_DATABASE_URL: '' });

if (integration.length && process.env.WASL_TEST_POSTGRES !== 'skip') {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  let reachable = true;
  try {
    await client.connect();
    await client.end();
  } catch (err) {
    reachable = false;
    console.error(`\nPostgreSQL is not reachable at ${PG_URL} (${err.message}).`);
    console.error('Start it, set WASL_TEST_DATABASE_URL, or set WASL_TEST_POSTGRES=skip to run on PGlite only.');
    totals.fail += 1;
  }
  if (reachable) run('integration on PostgreSQL', integration, { WASL_TEST_DATABASE_URL: PG_URL });
}

console.log(`\n${totals.pass} passed, ${totals.fail} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.fail ? 1 : 0);
