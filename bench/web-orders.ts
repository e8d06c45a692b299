// The admin app's orders screen over a big database, end to end in Chromium: how long until
// the first row of the orders table is on the screen (cold: empty cache; warm: cached assets),
// how long a phone search typed in Arabic-Indic digits takes to show its orders, and how many
// bytes of JavaScript and CSS a first visit costs. Issue target: first page < 1 s, first-load
// JS < 300 KB gzipped, with 1M orders.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { firstLoad } from '../scripts/web-size.mjs';
import { hashKey } from '../src/modules/stores/api-keys.ts';
import { newId } from '../src/platform/ids.ts';
import { Client } from './lib/http.ts';
import { toArabicIndic } from './lib/orders.ts';
import { createDatabase, dropDatabase, otherActivity, serverVersion, urlFor } from './lib/pg.ts';
import { bytes, log, machineLine, ms, num, printBlock, summarize, verdict, type Summary } from './lib/report.ts';
import { cpuSince, cpuSnapshot, cpuText, ROOT, startChildServer, waitForQuiet, type ChildServer } from './lib/server.ts';
import { quietText } from './intake.ts';
import { seedOrders } from './seed-orders.ts';

// The browser's globals, for the functions Playwright runs in the page (this project's
// TypeScript settings are Node's, without the DOM).
declare const window: any;
declare const document: any;

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 30);
const WARMUP = 3;
const API_REQUESTS = 100;
const WEB_DB = 'wasl_bench_web';
const OWNER = { email: 'owner@bench.example', password: 'bench-owner-password-1' };
const CHROMIUM = process.env.WASL_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const TABLE_ROWS = '[data-testid=orders-table] tbody tr';
const SEARCH = '[data-testid=orders-search]';
const TIMEOUT = 60_000;
type Locale = 'ar-SA' | 'en-US';

/** One load of /orders, in ms from the navigation's start (the page's performance.now()). */
interface Load {
  locale: Locale;
  lang: string;
  /** The first row of the table is in the DOM. */
  row: number;
  /** The frame after it (requestAnimationFrame, then a task): it has been painted. */
  painted: number;
  html: number;
  entryJs: number;
  me: number;
  screenJs: number;
  ordersStart: number;
  /** When the request went out: later than ordersStart when it waited for a free connection. */
  ordersSent: number;
  ordersEnd: number;
  js: { files: number; wire: number; raw: number; transfer: number };
  css: { files: number; wire: number; raw: number; transfer: number };
  htmlWire: number;
  requests: number;
  /** Every request after the page's own, in ms from navigation start, for the waterfall. */
  res: { path: string; start: number; sent: number; end: number; encoded: number; transfer: number }[];
  /** Long tasks: [start, duration] in ms. */
  long: [number, number][];
}

interface Filter {
  /** From the search box's input event to the filtered rows painted (includes the screen's 300 ms typing pause). */
  painted: number;
  apiMs: number;
  count: number;
}

/**
 * Installed in every document before the app runs: a MutationObserver notes when the first
 * table row appears (and, once `want` is set, when the filtered rows replace the others), and
 * the frame after, when it has been painted; an input listener notes when the search changes;
 * a PerformanceObserver keeps the long tasks (main thread busy ≥ 50 ms at a stretch).
 * Plain JavaScript text: a function would be sent as its source, which tsx (esbuild, keepNames)
 * fills with calls to a `__name` helper the page does not have.
 */
const INSTRUMENT = `(() => {
  const selector = ${JSON.stringify(TABLE_ROWS)};
  const b = (window.__bench = { row: 0, painted: 0, want: null, input: 0, filtered: 0, filteredPainted: 0, long: [] });
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b.long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const afterPaint = (done) => requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
  const check = () => {
    const rows = document.querySelectorAll(selector);
    if (!b.row && rows.length) {
      b.row = performance.now();
      afterPaint((t) => (b.painted = t));
    }
    if (b.want && b.input && !b.filtered && rows.length === b.want.count && rows[0].getAttribute('data-order') === b.want.first) {
      b.filtered = performance.now();
      afterPaint((t) => (b.filteredPainted = t));
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener('input', () => (b.input = performance.now()), true);
})();`;

/** What the page knows about its own load: the marks above and the Resource Timing entries. */
function pageTimings() {
  const perf: any = performance;
  const nav: any = perf.getEntriesByType('navigation')[0];
  return {
    bench: { ...window.__bench },
    lang: document.documentElement.lang as string,
    nav: { responseEnd: nav?.responseEnd ?? NaN, encoded: nav?.encodedBodySize ?? 0 },
    res: (perf.getEntriesByType('resource') as any[]).map((e) => ({
      name: e.name as string, start: e.startTime as number, sent: e.requestStart as number, end: e.responseEnd as number,
      transfer: e.transferSize as number, encoded: e.encodedBodySize as number, decoded: e.decodedBodySize as number,
    })),
  };
}

type Timings = ReturnType<typeof pageTimings>;

function toLoad(t: Timings, locale: Locale): Load {
  const find = (re: RegExp) => t.res.find((r) => re.test(new URL(r.name).pathname + new URL(r.name).search));
  const sum = (re: RegExp) => {
    const files = t.res.filter((r) => re.test(new URL(r.name).pathname));
    return { files: files.length, wire: files.reduce((s, r) => s + r.encoded, 0), raw: files.reduce((s, r) => s + r.decoded, 0), transfer: files.reduce((s, r) => s + r.transfer, 0) };
  };
  const orders = find(/^\/v1\/orders\?/);
  return {
    locale,
    lang: t.lang,
    row: t.bench.row,
    painted: t.bench.painted,
    html: t.nav.responseEnd,
    entryJs: find(/^\/assets\/index-[^/]*\.js$/)?.end ?? NaN,
    me: find(/^\/v1\/auth\/me/)?.end ?? NaN,
    screenJs: find(/^\/assets\/OrdersScreen-[^/]*\.js$/)?.end ?? NaN,
    ordersStart: orders?.start ?? NaN,
    ordersSent: orders?.sent ?? NaN,
    ordersEnd: orders?.end ?? NaN,
    js: sum(/\.js$/),
    css: sum(/\.css$/),
    htmlWire: t.nav.encoded,
    requests: t.res.length + 1,
    res: t.res.map((r) => ({ path: new URL(r.name).pathname + new URL(r.name).search, start: r.start, sent: r.sent, end: r.end, encoded: r.encoded, transfer: r.transfer })),
    long: t.bench.long ?? [],
  };
}

async function loadOrders(page: Page, base: string, locale: Locale): Promise<Load> {
  await page.goto(`${base}/orders`, { waitUntil: 'commit', timeout: TIMEOUT });
  await page.waitForFunction(() => window.__bench?.painted > 0, null, { polling: 50, timeout: TIMEOUT });
  const load = toLoad(await page.evaluate(pageTimings), locale);
  const want = locale.slice(0, 2);
  if (load.lang !== want) throw new Error(`the page is in "${load.lang}", expected "${want}"`);
  return load;
}

async function search(page: Page, phone: { arabic: string; latin: string; first: string; count: number }): Promise<Filter> {
  await page.evaluate((w) => {
    window.__bench.want = w;
  }, { first: phone.first, count: phone.count });
  await page.fill(SEARCH, phone.arabic);
  await page.waitForFunction(() => window.__bench.filteredPainted > 0, null, { polling: 50, timeout: TIMEOUT });
  const value = await page.inputValue(SEARCH);
  if (value !== phone.latin) throw new Error(`the search box holds "${value}", expected the digits made Latin: "${phone.latin}"`);
  const t = await page.evaluate(pageTimings);
  const api = t.res.filter((r) => r.name.includes('/v1/orders?') && r.name.includes(`q=${phone.latin}`)).at(-1);
  return {
    painted: t.bench.filteredPainted - t.bench.input,
    apiMs: api ? api.end - api.start : NaN,
    count: phone.count,
  };
}

/**
 * CPU ticks of this process's descendants other than the server: Chromium's browser, GPU,
 * network and renderer processes (renderers come and go with contexts, so sampled every 500 ms).
 */
function browserCpu(serverPid: number) {
  const seen = new Map<number, number>();
  let used = 0;
  const sample = () => {
    const parent = new Map<number, number>();
    const ticks = new Map<number, number>();
    for (const n of readdirSync('/proc')) {
      if (!/^\d+$/.test(n)) continue;
      try {
        const stat = readFileSync(`/proc/${n}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parent.set(Number(n), Number(f[1]));
        ticks.set(Number(n), Number(f[11]) + Number(f[12]));
      } catch {
        /* exited meanwhile */
      }
    }
    const ours = (pid: number) => {
      for (let p = parent.get(pid) ?? 0, i = 0; p > 1 && i < 64; p = parent.get(p) ?? 0, i++) {
        if (p === serverPid) return false;
        if (p === process.pid) return pid !== serverPid;
      }
      return false;
    };
    for (const [pid, t] of ticks) {
      if (!ours(pid)) continue;
      const before = seen.get(pid);
      if (before !== undefined) used += Math.max(0, t - before);
      seen.set(pid, t);
    }
  };
  sample();
  const started = performance.now();
  const timer = setInterval(sample, 500);
  timer.unref();
  return {
    /** % of one core used by Chromium since the start. */
    stop() {
      clearInterval(timer);
      sample();
      return (used / 100 / ((performance.now() - started) / 1000)) * 100;
    },
  };
}

/** The database of an earlier `BENCH_KEEP=1` run, when it holds the same number of orders. */
async function keptDatabase(url: string): Promise<boolean> {
  if (!process.env.BENCH_KEEP) return false;
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
  } catch {
    return false; // no such database
  }
  try {
    const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM orders`);
    return Number(rows[0].n) === ORDERS;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** How long the main thread spent in long tasks before the first row appeared. */
const busyBefore = (l: Load) => l.long.filter(([start]) => start < l.row).reduce((n, [start, d]) => n + Math.min(d, l.row - start), 0);

const pct = (s: Summary) => `p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`;
const median = (v: number[]) => summarize(v.filter(Number.isFinite)).p50;

export async function benchWebOrders() {
  if (!CHROMIUM) throw new Error('no Chromium at /usr/bin/chromium (apt-get install -y chromium, or set WASL_CHROMIUM)');
  const version = await serverVersion();

  log('building the web app if its sources changed (scripts/build-web.mjs)');
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the web app failed');
  const first = firstLoad();

  let url = urlFor(WEB_DB);
  const kept = await keptDatabase(url);
  if (!kept) url = await createDatabase(WEB_DB);
  let server: ChildServer | undefined;
  let client: Client | undefined;
  let browser: Browser | undefined;
  let keyId: string | undefined;
  const db = new pg.Client({ connectionString: url });
  try {
    log('starting wasl serve --no-worker (PostgreSQL) with an owner who can sign in');
    server = await startChildServer({ url }, { env: { WASL_OWNER_EMAIL: OWNER.email, WASL_OWNER_PASSWORD: OWNER.password } });
    client = new Client(server.url, server.key, 1);
    let seeded: string;
    if (kept) {
      log(`reusing ${WEB_DB} from an earlier BENCH_KEEP=1 run (${num(ORDERS)} orders)`);
      seeded = 'kept from an earlier BENCH_KEEP=1 run (not seeded now)';
      // The store and its first key exist already: this run's key is added, and removed after.
      await db.connect();
      keyId = newId('key');
      await db.query(`INSERT INTO api_keys (id, store_id, name, key_hash, prefix, role)
        SELECT $1, id, 'bench web', $2, $3, 'owner' FROM stores ORDER BY id LIMIT 1`, [keyId, hashKey(server.key), server.key.slice(0, 9)]);
    } else {
      await db.connect();
      const seed = await seedOrders(url, { orders: ORDERS, log });
      seeded = `seeded in ${seed.seconds.total.toFixed(0)} s (rows ${seed.seconds.load.toFixed(0)} s, indexes ${seed.seconds.indexes.toFixed(0)} s, vacuum+analyze ${seed.seconds.vacuum.toFixed(0)} s)`;
    }
    const counts = (await db.query<Record<string, string>>(`SELECT
      (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_lines) AS lines, (SELECT count(*) FROM customers) AS customers`)).rows[0];

    // Phones to search for: Saudi customers with a few orders, typed as ٠٥…; what each should show.
    const known = (await db.query<{ e164: string }>(
      `SELECT phone_e164 AS e164 FROM customers WHERE phone_e164 LIKE '+9665%' AND order_count BETWEEN 3 AND 12 ORDER BY random() LIMIT 20`,
    )).rows;
    if (!known.length) known.push(...(await db.query<{ e164: string }>(`SELECT phone_e164 AS e164 FROM customers WHERE phone_e164 LIKE '+9665%' LIMIT 5`)).rows);
    if (!known.length) throw new Error('no Saudi customer in the seeded data to search for');
    const phones: { e164: string; latin: string; arabic: string; first: string; count: number }[] = [];
    for (const k of known) {
      const ids = (await db.query<{ id: string }>(`SELECT id FROM orders WHERE customer_phone_e164 = $1 ORDER BY id DESC LIMIT 50`, [k.e164])).rows;
      const latin = `0${k.e164.slice(4)}`;
      phones.push({ e164: k.e164, latin, arabic: toArabicIndic(latin), first: ids[0].id, count: ids.length });
    }

    // The API alone, for comparison: the screen's two requests over one keep-alive connection.
    const apiAlone = async (path: (i: number) => string) => {
      const lat: number[] = [];
      for (let i = 0; i < 20 + API_REQUESTS; i++) {
        const r = await client!.request('GET', path(i));
        if (r.status !== 200) throw new Error(`${path(i)}: ${r.status} ${r.body.slice(0, 300)}`);
        if (i >= 20) lat.push(r.ms);
      }
      return summarize(lat);
    };

    log(`launching Chromium (${CHROMIUM}) and signing in as ${OWNER.email} through POST /v1/auth/sign-in`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const signing = await browser.newContext();
    const signIn = await signing.request.post(`${server.url}/v1/auth/sign-in`, { headers: { 'x-wasl-client': 'web' }, data: OWNER });
    if (!signIn.ok()) throw new Error(`sign-in: ${signIn.status()} ${(await signIn.text()).slice(0, 300)}`);
    const state = await signing.storageState();
    await signing.close();
    if (!state.cookies.some((c) => c.name === 'wasl_session')) throw new Error('sign-in set no wasl_session cookie');
    const host = new URL(server.url).hostname;
    const stateFor = (locale: Locale) => ({
      ...state,
      cookies: [...state.cookies, { name: 'wasl_lang', value: locale.slice(0, 2), domain: host, path: '/', expires: -1, httpOnly: false, secure: false, sameSite: 'Lax' as const }],
    });

    const pageErrors: string[] = [];
    const encodings = new Map<string, string>(); // path → content-encoding, of every JS and CSS file
    const run = async (i: number) => {
      const locale: Locale = i % 2 === 0 ? 'ar-SA' : 'en-US';
      const context: BrowserContext = await browser!.newContext({ locale, viewport: { width: 1280, height: 860 }, storageState: stateFor(locale) });
      try {
        await context.addInitScript({ content: INSTRUMENT });
        const page = await context.newPage();
        page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
        page.on('response', (r) => {
          if (!/\.(js|css)$/.test(new URL(r.url()).pathname)) return;
          if (r.status() === 200) encodings.set(new URL(r.url()).pathname, r.headers()['content-encoding'] ?? 'identity');
        });
        try {
          const cold = await loadOrders(page, server!.url, locale);
          const warm = await loadOrders(page, server!.url, locale);
          const filter = await search(page, phones[i % phones.length]);
          return { cold, warm, filter };
        } catch (err) {
          // What the page showed, to tell a slow page from a broken one.
          const shown = await page.evaluate(() => ({ bench: window.__bench, text: String(document.body?.innerText ?? '').slice(0, 200) })).catch(() => null);
          await page.screenshot({ path: `/tmp/wasl-bench-web-failed-${i}.png` }).catch(() => {});
          throw new Error(`${locale} run ${i} on ${page.url()}: ${err instanceof Error ? err.message.split('\n')[0] : err}; page: ${JSON.stringify(shown)}`);
        }
      } finally {
        await context.close();
      }
    };

    log(`${WARMUP} warm-up runs`);
    for (let i = 0; i < WARMUP; i++) await run(i);

    const quiet = await waitForQuiet();
    const others = await otherActivity([WEB_DB]);
    const cpu0 = cpuSnapshot(server.pid);
    const chrome = browserCpu(server.pid);
    log(`${RUNS} runs: cold load, warm load and a phone search each, Arabic and English alternating`);
    const runs: Awaited<ReturnType<typeof run>>[] = [];
    const failures: string[] = [];
    for (let i = 0; runs.length < RUNS; i++) {
      try {
        runs.push(await run(i));
      } catch (err) {
        failures.push(err instanceof Error ? err.message.split('\n')[0] : String(err));
        if (failures.length > 5) throw new Error(`too many failed runs: ${failures.join(' | ')}`);
      }
    }
    const chromeCore = chrome.stop();
    const cpu = cpuSince(cpu0, server.pid);

    log(`GET /v1/orders alone: 20 warm-up + ${API_REQUESTS} requests, first page and phone search`);
    const apiFirst = await apiAlone(() => '/v1/orders?limit=50');
    const apiPhone = await apiAlone((i) => `/v1/orders?q=${phones[i % phones.length].latin}&limit=50`);
    const firstAfter = firstLoad();

    const cold = runs.map((r) => r.cold);
    const warm = runs.map((r) => r.warm);
    const filters = runs.map((r) => r.filter);
    const coldPaint = summarize(cold.map((l) => l.painted));
    const byLang = (loads: Load[], locale: Locale) => summarize(loads.filter((l) => l.locale === locale).map((l) => l.painted));
    const steps = (loads: Load[]) =>
      `html ${ms(median(loads.map((l) => l.html)))} → entry JS ${ms(median(loads.map((l) => l.entryJs)))} → /v1/auth/me ${ms(median(loads.map((l) => l.me)))} → ` +
      `orders chunk ${ms(median(loads.map((l) => l.screenJs)))} → /v1/orders asked ${ms(median(loads.map((l) => l.ordersStart)))}, sent ${ms(median(loads.map((l) => l.ordersSent)))}, answered ${ms(median(loads.map((l) => l.ordersEnd)))} → ` +
      `row in DOM ${ms(median(loads.map((l) => l.row)))} → painted ${ms(median(loads.map((l) => l.painted)))}`;
    const last = cold[cold.length - 1];
    const tally = new Map<string, number>();
    for (const [path, e] of encodings) {
      const k = `${path.endsWith('.js') ? 'JS' : 'CSS'} ${e}`;
      tally.set(k, (tally.get(k) ?? 0) + 1);
    }
    const plain = [...encodings].filter(([, e]) => e === 'identity').map(([p]) => p.replace('/assets/', ''));
    const enc = `${[...tally].map(([k, n]) => `${k}: ${n} files`).join(', ')}${plain.length ? ` (uncompressed: ${plain.join(', ')}; the build compresses files of 1 KB and more)` : ''}`;

    const rows: [string, string][] = [
      ['measured', `Chromium ${browser.version()} headless (${CHROMIUM}), 1280×860, signed in as the owner (session cookie), /orders; ${RUNS} runs after ${WARMUP} warm-up, ar-SA and en-US alternating; times from navigation start to the first row of the table painted (the frame after it enters the DOM)`],
      ['cold', 'a fresh browser context each run (empty HTTP cache; the browser process itself already running)'],
      ['warm', 'the same page navigated to /orders again (assets from cache, index.html revalidated, API requests again)'],
      ['search', 'a Saudi phone in Arabic-Indic digits (٠٥…) put into the search box at once; from its input event to the filtered rows painted, including the screen\'s 300 ms pause after typing'],
      ['database', `${num(Number(counts.orders))} orders, ${num(Number(counts.lines))} lines, ${num(Number(counts.customers))} customers (one store); ${seeded}`],
      ['machine', machineLine(version)],
      ['other load on server', `${others} active backends of other databases`],
      ['cpu', `${cpuText(cpu)} (Chromium is ${chromeCore.toFixed(0)} of that "other"; the rest is other people's); before: ${quietText(quiet)}`],
      ['failed runs', failures.length ? `${failures.length} (retried): ${failures.join(' | ')}` : '0'],
      ['page errors', pageErrors.length ? `${pageErrors.length}: ${pageErrors.slice(0, 3).join(' | ')}` : '0'],
      ['cold first page', pct(coldPaint)],
      ['  ar-SA / en-US', `${pct(byLang(cold, 'ar-SA'))}  /  ${pct(byLang(cold, 'en-US'))}`],
      ['  row in DOM', pct(summarize(cold.map((l) => l.row)))],
      ['  where (medians)', steps(cold)],
      ['  main thread', `in long tasks (≥ 50 ms each) before the first row: p50 ${ms(median(cold.map((l) => busyBefore(l))))}, p90 ${ms(summarize(cold.map((l) => busyBefore(l))).p90)}`],
      ['warm first page', pct(summarize(warm.map((l) => l.painted)))],
      ['  ar-SA / en-US', `${pct(byLang(warm, 'ar-SA'))}  /  ${pct(byLang(warm, 'en-US'))}`],
      ['  where (medians)', steps(warm)],
      ['  main thread', `in long tasks before the first row: p50 ${ms(median(warm.map((l) => busyBefore(l))))}`],
      ['chunk → request', `from the orders screen's chunk arriving to its GET /v1/orders being asked: cold p50 ${ms(median(cold.map((l) => l.ordersStart - l.screenJs)))}, warm p50 ${ms(median(warm.map((l) => l.ordersStart - l.screenJs)))} (React 19 commits a Suspense boundary's content no sooner than 300 ms after its fallback was shown; the screen asks for its data in an effect, after that commit)`],
      ['phone search', `${pct(summarize(filters.map((f) => f.painted)))}  (its GET /v1/orders?q= in the browser: p50 ${ms(median(filters.map((f) => f.apiMs)))}; ${phones.length} phones, ${Math.min(...phones.map((p) => p.count))}–${Math.max(...phones.map((p) => p.count))} orders each)`],
      ['API alone, first page', `GET /v1/orders?limit=50: ${pct(apiFirst)}`],
      ['API alone, phone', `GET /v1/orders?q=05…&limit=50: ${pct(apiPhone)}`],
      ['cold load sent', `JS ${bytes(last.js.wire)} in ${last.js.files} files (${bytes(last.js.raw)} unpacked), CSS ${bytes(last.css.wire)} in ${last.css.files} files (${bytes(last.css.raw)} unpacked), index.html ${bytes(last.htmlWire)}; ${last.requests} requests; bodies as sent (encodedBodySize); JS+CSS transferred with headers ${bytes(last.js.transfer + last.css.transfer)} (${last.res.filter((r) => /\.(js|css)$/.test(r.path) && r.transfer === 0).length} files from cache)`],
      ['  of which', `first-load JS (the entry) ${bytes(last.res.filter((r) => /^\/assets\/index-[^/]*\.js$/.test(r.path)).reduce((n, r) => n + r.encoded, 0))}, the orders screen's chunks ${bytes(last.res.filter((r) => /^\/assets\/(OrdersScreen|badges)-/.test(r.path)).reduce((n, r) => n + r.encoded, 0))}, the other screens the shell preloads when idle ${bytes(last.res.filter((r) => /^\/assets\//.test(r.path) && !/^\/assets\/(index|OrdersScreen|badges)-/.test(r.path)).reduce((n, r) => n + r.encoded, 0))}`],
      ['  encodings', enc || 'n/a'],
      ['warm load sent', `JS+CSS ${bytes(median(warm.map((l) => l.js.transfer + l.css.transfer)))} transferred (cache hits are 0)`],
      ['build first load', `${first.scripts.join(', ')}: JS ${bytes(first.jsGzip)} gzipped, CSS ${bytes(first.cssGzip)} gzipped (scripts/web-size.mjs firstLoad())${firstAfter.scripts.join() !== first.scripts.join() ? '; NOTE: the build changed during the run (someone rebuilt dist/web)' : ''}`],
    ];
    const vs = [
      verdict({
        bench: 'web',
        what: `orders screen, cold first page p90 (${num(Number(counts.orders))} orders)`,
        value: `${ms(coldPaint.p90)} (p50 ${ms(coldPaint.p50)}, p99 ${ms(coldPaint.p99)})`,
        target: '< 1 s',
        pass: coldPaint.p90 < 1000,
      }),
      verdict({ bench: 'web', what: 'first-load JS, gzipped (build)', value: bytes(first.jsGzip), target: '< 300 KB', pass: first.jsGzip < 300 * 1024 }),
    ];
    rows.push(['note', `the verdict is on p90: with ${RUNS} runs p99 is the slowest run (nearest rank), which on this shared ${cpus().length}-core machine says more about the neighbours than the app`]);
    printBlock(`orders screen in Chromium, ${num(Number(counts.orders))} orders on PostgreSQL`, rows, vs);
    if (process.env.BENCH_WEB_WATERFALL !== '0') {
      // The cold run at the median: what the page asked for, when, in order.
      const mid = [...cold].sort((a, b) => a.painted - b.painted)[Math.floor((cold.length - 1) / 2)];
      const out = [`\n  --- the median cold run (${mid.locale}), ms from navigation start ---`, `  ${'0.0'.padStart(7)} → ${mid.html.toFixed(1).padStart(7)}  ${'GET /orders (index.html)'.padEnd(60)} ${bytes(mid.htmlWire)}`];
      const lines: { at: number; text: string }[] = mid.long.filter(([start]) => start < mid.painted).map(([start, d]) => ({
        at: start,
        text: `  ${start.toFixed(1).padStart(7)} → ${(start + d).toFixed(1).padStart(7)}  ${'(main thread busy: a long task)'.padEnd(60)}`,
      }));
      for (const r of mid.res) {
        const queued = r.sent > 0 && r.sent - r.start > 5 ? `  (waited ${ms(r.sent - r.start)} for a connection)` : '';
        lines.push({ at: r.start, text: `  ${r.start.toFixed(1).padStart(7)} → ${r.end.toFixed(1).padStart(7)}  ${`GET ${r.path.replace(/cursor=[^&]+/, 'cursor=…')}`.padEnd(60)} ${bytes(r.encoded).padStart(8)}${queued}` });
      }
      out.push(...lines.sort((a, b) => a.at - b.at).map((l) => l.text));
      out.push(`  ${''.padStart(7)}   ${mid.row.toFixed(1).padStart(7)}  first row in the DOM`, `  ${''.padStart(7)}   ${mid.painted.toFixed(1).padStart(7)}  painted`);
      console.log(out.join('\n'));
    }
  } finally {
    client?.close();
    await browser?.close().catch(() => {});
    if (keyId) await db.query(`DELETE FROM api_keys WHERE id = $1`, [keyId]).catch(() => {});
    await db.end().catch(() => {});
    await server?.stop();
    if (!process.env.BENCH_KEEP) await dropDatabase(WEB_DB);
    else log(`kept database ${WEB_DB}`);
  }
}
