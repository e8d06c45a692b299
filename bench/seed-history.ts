// History generator for the risk benchmarks: N realistic past orders (default 10,000,000) of ONE
// Saudi cash-on-delivery store, in a dedicated database (default `wasl_bench_risk`), with the
// customers, identities and addresses intake's risk checks read. Set-based SQL only: scratch
// tables from generate_series, then INSERT … SELECT in chunks of 500,000 orders on two
// connections; secondary indexes are dropped for the load and re-created from their own
// definitions, then VACUUM (ANALYZE).
//
//   node --import tsx bench/seed-history.ts --orders 10000000 [--url postgres://…/wasl_bench_risk]
//   node --import tsx bench/seed-history.ts --sizes            (row counts and sizes only)
//   node --import tsx bench/seed-history.ts --sample 5         (print 5 intake subjects)
//
// Reusable: `seedHistory(url, {orders})` creates the database when missing, migrates it and
// creates the store the way the other benches do (a `wasl serve` child started once, with the
// fixed owner key HISTORY_KEY), and skips everything when the database already holds a
// complete seed of that many orders (a marker in the database comment says so). A database
// holding another seed (or an aborted one) is dropped and seeded afresh.
//
// Data shape:
// - ~N/4 customers (2.5M for 10M orders): 55% with 1 order, 30% 2–5, 13.5% 6–19, 1.5% 20–100;
//   each a unique Saudi mobile (+9665…, valid for libphonenumber), 60% an email (canonical =
//   lowercase, unique), group_id = id, identities for every phone and email;
// - addresses `sa|<city>|<district>|<street> [مبني ]<building>` exactly as addressKey() makes
//   them, over 20 cities × 10 districts (population-weighted); customers with 3+ orders also
//   ship to a second address in their city (their 2nd order and ~10% of the others);
//   customer_addresses holds every (address, customer) pair the orders use;
// - shared keys: 5 courier desks and 3 offices used as the address of ~1.2% of customers
//   (1,500–7,500 customers each at 10M), and two phones with N×0.0003 and N×0.00008 orders
//   (3,000 and 800 at 10M) under many names and addresses;
// - outcomes of the closed 98%: delivered+paid ~70%, refused ~9%, returned 5%, ghost ~8%,
//   cancelled 6% of all orders; refusals depend on the district (×0.5 … ×4) and the customer
//   (serial refusers, serial ghosts); the newest 2% are still open (pending/confirmed, outcome
//   NULL, imported false); all others imported = true;
// - placed_at over the last three years (a growing store: ~4× the orders per month at the end);
//   ids `ord_` + 26 lowercase ULID characters: 10 of placed_at (ms, Crockford base 32), then 8 hex
//   of the order's rank and 8 random hex (hex digits are ULID characters; rank first makes ids
//   strictly increasing), so ids, numbers 1001… and placed_at sort alike; the store's sequence
//   is moved past the last number; lines (`oln_…`) and customers (`cus_…`) alike;
// - 1–3 lines (60/28/12%) from 2,000 SKUs (popularity skewed), totals 49–1,500 SAR mostly;
//   client_ip on 50% of orders from Saudi ISP ranges (customers keep theirs, CGNAT overlaps).
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { addressKey, canonicalEmail, normalizePhone } from '../src/modules/customers/normalize/index.ts';
import { NOTES, prng } from './lib/orders.ts';
import { dropSecondaryIndexes, urlFor } from './lib/pg.ts';
import { startChildServer } from './lib/server.ts';

export const HISTORY_DB = 'wasl_bench_risk';
export const HISTORY_URL = urlFor(HISTORY_DB);
/** The owner API key of the seeded store (a server started on the database accepts it). */
export const HISTORY_KEY = 'bench_risk_history_owner_key_0123456789';
const CHUNK = 500_000;

// --- geography ---------------------------------------------------------------------------

interface City {
  name: string;
  region: string;
  /** Share of customers, in %. */
  weight: number;
  districts: string[];
}

export const CITIES: readonly City[] = [
  { name: 'الرياض', region: 'منطقة الرياض', weight: 25, districts: ['العليا', 'النرجس', 'الملقا', 'السليمانية', 'الياسمين', 'الروضة', 'العزيزية', 'النسيم', 'الشفا', 'المروج'] },
  { name: 'جدة', region: 'منطقة مكة المكرمة', weight: 16, districts: ['الروضة', 'الصفا', 'الحمراء', 'السلامة', 'البوادي', 'النعيم', 'الشاطئ', 'الفيصلية', 'المروة', 'الربوة'] },
  { name: 'مكة المكرمة', region: 'منطقة مكة المكرمة', weight: 7, districts: ['العزيزية', 'الشوقية', 'النسيم', 'الزاهر', 'العوالي', 'الرصيفة', 'الشرائع', 'النوارية', 'الهجرة', 'الكعكية'] },
  { name: 'المدينة المنورة', region: 'منطقة المدينة المنورة', weight: 6, districts: ['قباء', 'العوالي', 'العزيزية', 'الحرة الشرقية', 'السيح', 'الخالدية', 'الدويمة', 'شوران', 'الجرف', 'العاقول'] },
  { name: 'الدمام', region: 'المنطقة الشرقية', weight: 6, districts: ['الفيصلية', 'الشاطئ', 'النور', 'الفيحاء', 'الجلوية', 'الأنوار', 'المزروعية', 'الريان', 'الخليج', 'الشعلة'] },
  { name: 'الخبر', region: 'المنطقة الشرقية', weight: 4, districts: ['العقربية', 'الثقبة', 'الراكة', 'اليرموك', 'الحزام الذهبي', 'الخبر الشمالية', 'الجسر', 'العليا', 'قرطبة', 'الأندلس'] },
  { name: 'الأحساء', region: 'المنطقة الشرقية', weight: 4, districts: ['المبرز', 'الهفوف', 'المحمدية', 'الخالدية', 'الراشدية', 'النايفية', 'المزروع', 'الصالحية', 'العيون', 'الجفر'] },
  { name: 'الطائف', region: 'منطقة مكة المكرمة', weight: 4, districts: ['الشهداء', 'الحوية', 'القمرية', 'الوشحاء', 'شهار', 'الفيصلية', 'نخب', 'الخالدية', 'الريان', 'السلامة'] },
  { name: 'تبوك', region: 'منطقة تبوك', weight: 3, districts: ['المروج', 'الفيصلية', 'السليمانية', 'الريان', 'الورود', 'النخيل', 'الصفا', 'المصيف', 'الأخضر', 'القادسية'] },
  { name: 'بريدة', region: 'منطقة القصيم', weight: 3, districts: ['الإسكان', 'الريان', 'الصفراء', 'الخليج', 'الفايزية', 'النقع', 'الرحاب', 'السالمية', 'الأفق', 'المنتزه'] },
  { name: 'عنيزة', region: 'منطقة القصيم', weight: 1.5, districts: ['الريان', 'الفاخرية', 'الخزامى', 'الملك خالد', 'الروضة', 'الجامعة', 'السلام', 'العزيزية', 'المنار', 'النهضة'] },
  { name: 'خميس مشيط', region: 'منطقة عسير', weight: 3, districts: ['الراقي', 'المثناة', 'الضيافة', 'الموسى', 'الصفا', 'الشرفية', 'الدوحة', 'الواحة', 'العزيزية', 'النسيم'] },
  { name: 'أبها', region: 'منطقة عسير', weight: 2.5, districts: ['المنسك', 'الخالدية', 'الموظفين', 'شمسان', 'الوردتين', 'المحالة', 'الربوة', 'النصب', 'السد', 'الضباب'] },
  { name: 'حائل', region: 'منطقة حائل', weight: 2.5, districts: ['النقرة', 'السمراء', 'المنتزه', 'الوسيطاء', 'الخزامى', 'النصيفة', 'البادية', 'الزبارة', 'صبابة', 'الجامعيين'] },
  { name: 'نجران', region: 'منطقة نجران', weight: 2, districts: ['الفيصلية', 'الضباط', 'الفهد', 'الخالدية', 'شرق أبا السعود', 'الأمير مشعل', 'رجلا', 'الموفجة', 'الجربة', 'العريسة'] },
  { name: 'جازان', region: 'منطقة جازان', weight: 2.5, districts: ['الصفا', 'الروضة', 'الشاطئ', 'السويس', 'الجبل', 'المطار', 'الشامية', 'العزيزية', 'الكورنيش', 'النسيم'] },
  { name: 'ينبع', region: 'منطقة المدينة المنورة', weight: 1.5, districts: ['الصريف', 'الشاطئ', 'السميري', 'الجابرية', 'البندر', 'الفيصلية', 'الصناعية', 'النخيل', 'الأمير عبدالمجيد', 'الروضة'] },
  { name: 'الجبيل', region: 'المنطقة الشرقية', weight: 2, districts: ['الدفي', 'الفناتير', 'الحويلات', 'جلمودة', 'الفيحاء', 'الأندلس', 'الخليج', 'الطوي', 'الجوهرة', 'النزهة'] },
  { name: 'القطيف', region: 'المنطقة الشرقية', weight: 2, districts: ['الناصرة', 'المجيدية', 'البحر', 'الجزيرة', 'الدبابية', 'الشريعة', 'الخامسة', 'الشويكة', 'المزروع', 'البستان'] },
  { name: 'الخرج', region: 'منطقة الرياض', weight: 2, districts: ['السلام', 'الخالدية', 'العزيزية', 'الأندلس', 'الصالحية', 'النهضة', 'الريان', 'الفيصلية', 'السيح', 'اليمامة'] },
];

export const STREETS = [
  'شارع الملك فهد', 'شارع الملك عبدالعزيز', 'طريق الملك عبدالله', 'شارع الأمير سلطان', 'شارع الأمير محمد بن عبدالعزيز',
  'شارع التحلية', 'شارع الستين', 'شارع الأربعين', 'شارع العروبة', 'طريق خريص', 'شارع الإمام سعود', 'شارع عثمان بن عفان',
  'شارع عمر بن الخطاب', 'شارع أبي بكر الصديق', 'شارع علي بن أبي طالب', 'شارع الخليج', 'شارع الظهران', 'شارع الأمير نايف',
  'شارع الأمير ماجد', 'شارع فلسطين', 'شارع حراء', 'شارع الحرمين', 'شارع المدينة المنورة', 'شارع صاري', 'شارع قريش',
  'طريق الملك خالد', 'شارع الأمير متعب', 'شارع ابن سينا', 'شارع الرازي', 'شارع الخوارزمي', 'شارع الفارابي', 'شارع الجامعة',
  'شارع السلام', 'شارع النخيل', 'شارع الورود', 'شارع الياسمين', 'شارع الزهور', 'شارع البحر', 'شارع المطار', 'الطريق الدائري',
] as const;

/** Courier desks and offices: one address that thousands of different customers ship to. */
export const SHARED_ADDRESSES = [
  { kind: 'courier_desk', city: 'الرياض', district: 'النسيم', line1: 'مكتب سمسا للشحن، طريق خريص', weight: 25 },
  { kind: 'courier_desk', city: 'جدة', district: 'الصفا', line1: 'مستودع أرامكس، شارع الأمير سلطان', weight: 20 },
  { kind: 'courier_desk', city: 'الدمام', district: 'الفيصلية', line1: 'مكتب ناقل إكسبريس، طريق الملك فهد', weight: 15 },
  { kind: 'courier_desk', city: 'مكة المكرمة', district: 'العزيزية', line1: 'نقطة استلام سمسا، شارع الستين', weight: 10 },
  { kind: 'courier_desk', city: 'المدينة المنورة', district: 'قباء', line1: 'مكتب سبل البريد السعودي، شارع قباء', weight: 10 },
  { kind: 'office', city: 'الرياض', district: 'العليا', line1: 'برج المملكة، طريق الملك فهد، الدور 20', weight: 8 },
  { kind: 'office', city: 'الخبر', district: 'الثقبة', line1: 'مستشفى الملك فهد الجامعي، سكن الموظفين', weight: 7 },
  { kind: 'office', city: 'جدة', district: 'الروضة', line1: 'جامعة الملك عبدالعزيز، سكن الطالبات مبنى 5', weight: 5 },
] as const;

const FIRST = [
  ['محمد', 'mohammed'], ['أحمد', 'ahmed'], ['عبدالله', 'abdullah'], ['فهد', 'fahad'], ['خالد', 'khalid'], ['سلطان', 'sultan'],
  ['فيصل', 'faisal'], ['عبدالرحمن', 'abdulrahman'], ['ناصر', 'nasser'], ['تركي', 'turki'], ['يوسف', 'yousef'], ['عمر', 'omar'],
  ['سعود', 'saud'], ['بندر', 'bandar'], ['ماجد', 'majed'], ['نايف', 'nayef'], ['سعد', 'saad'], ['عبدالعزيز', 'abdulaziz'],
  ['ريان', 'rayan'], ['مشعل', 'mishal'], ['سارة', 'sara'], ['نورة', 'noura'], ['فاطمة', 'fatimah'], ['ريم', 'reem'], ['هيا', 'haya'],
  ['منيرة', 'munira'], ['لطيفة', 'latifa'], ['مريم', 'maryam'], ['أمل', 'amal'], ['هند', 'hind'], ['العنود', 'alanoud'],
  ['الجوهرة', 'aljohara'], ['شهد', 'shahad'], ['رهف', 'rahaf'], ['لمى', 'lama'], ['دانة', 'dana'], ['غادة', 'ghada'], ['أسماء', 'asma'],
  ['جواهر', 'jawaher'], ['وعد', 'waad'],
] as const;
const FAMILY = [
  ['العتيبي', 'alotaibi'], ['القحطاني', 'alqahtani'], ['الشمري', 'alshammari'], ['الدوسري', 'aldosari'], ['الغامدي', 'alghamdi'],
  ['الزهراني', 'alzahrani'], ['الحربي', 'alharbi'], ['المطيري', 'almutairi'], ['السبيعي', 'alsubaie'], ['العنزي', 'alanazi'],
  ['الشهري', 'alshehri'], ['البقمي', 'albuqami'], ['العمري', 'alomari'], ['المالكي', 'almalki'], ['الرشيدي', 'alrashidi'],
  ['الجهني', 'aljohani'], ['السهلي', 'alsahli'], ['الخالدي', 'alkhalidi'], ['البلوي', 'albalawi'], ['الثبيتي', 'althubaiti'],
  ['الأحمدي', 'alahmadi'], ['القرني', 'alqarni'], ['العسيري', 'alasiri'], ['الشهراني', 'alshahrani'], ['اليامي', 'alyami'],
  ['الهاجري', 'alhajri'], ['المري', 'almarri'], ['التميمي', 'altamimi'], ['السديري', 'alsudairi'], ['الفيفي', 'alfaifi'],
] as const;
/** Email domains by share (of 100); no provider here folds dots except gmail, and no local part has one there. */
const DOMAINS = [['gmail.com', 55], ['hotmail.com', 20], ['outlook.com', 10], ['yahoo.com', 8], ['icloud.com', 7]] as const;
/** Saudi ISP /16s (STC, Mobily, Zain): mobile customers sit behind carrier NAT, so addresses overlap. */
export const IP_PREFIXES = ['188.48', '188.49', '188.50', '188.51', '51.36', '51.39', '51.211', '46.152', '46.153', '2.88', '2.89',
  '37.224', '37.225', '37.106', '176.224', '176.225', '94.96', '94.97', '82.167', '212.138'] as const;
const USER_AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; 22101316G) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
] as const;
/** Second digit of valid Saudi mobiles used for seeded customers (5X…). */
const SA_SECOND = ['0', '3', '4', '5', '6', '8', '9'] as const;

// Keys as src/modules/customers/normalize/address.ts makes them, computed by it.
const keyParts = (a: { line1: string; district?: string; city: string }) => addressKey({ ...a, country: 'SA' }).split('|');
const DIST_NAMES = CITIES.flatMap((c) => c.districts.map((d) => `حي ${d}`));
const DIST_KEYS = CITIES.flatMap((c) => c.districts.map((d) => keyParts({ line1: 'x', district: `حي ${d}`, city: c.name })[2]));
const CITY_KEYS = CITIES.map((c) => keyParts({ line1: 'x', city: c.name })[1]);
const STREET_KEYS = STREETS.map((s) => keyParts({ line1: s, city: 'x' })[3]);
/** The SQL builds `<street key> [مبني ]<building>`; make sure that is what addressKey says. */
for (const [i, s] of STREETS.entries()) {
  for (const [line, key] of [[`${s} 1234`, `${STREET_KEYS[i]} 1234`], [`${s}، مبنى ١٢٣٤`, `${STREET_KEYS[i]} مبني 1234`]]) {
    const got = keyParts({ line1: line, city: 'x' })[3];
    if (got !== key) throw new Error(`address key of "${line}" is "${got}", the generator would write "${key}"`);
  }
}
const districtIndex = (city: string, district: string) => {
  const c = CITIES.findIndex((x) => x.name === city);
  const d = c < 0 ? -1 : CITIES[c].districts.indexOf(district);
  if (d < 0) throw new Error(`unknown district ${city}/${district}`);
  return c * 10 + d;
};
export const SHARED = SHARED_ADDRESSES.map((s) => {
  const d = districtIndex(s.city, s.district);
  const address = { line1: s.line1, district: `حي ${s.district}`, city: s.city, region: CITIES[Math.floor(d / 10)].region, country: 'SA' };
  return { ...s, d, address, key: addressKey(address) };
});
/** Refusal-rate multiplier per district: half are quiet, 5% are four times the average. */
const DIST_FACTOR = (() => {
  const r = prng(42);
  return DIST_NAMES.map(() => {
    const u = r.next();
    return u < 0.5 ? 0.5 : u < 0.8 ? 1 : u < 0.95 ? 2 : 4;
  });
})();
/** Lookup tables (1,000 slots) for weighted picks in SQL: arr[1 + floor(random() * 1000)]. */
function lookup(weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const out: number[] = [];
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w;
    while (out.length < Math.round((acc / total) * 1000)) out.push(i);
  });
  return out;
}
const CITY_OF = lookup(CITIES.map((c) => c.weight));
const SHARED_OF = lookup(SHARED.map((s) => s.weight));
const DOMAIN_OF = lookup(DOMAINS.map((d) => d[1]));

// --- catalog -------------------------------------------------------------------------------

const KINDS = [
  ['ABY', 'عباية', 24900], ['ABE', 'عباية مطرزة', 38900], ['SHM', 'شماغ', 8900], ['THB', 'ثوب رجالي', 15900], ['OUD', 'دهن عود', 29900],
  ['BKH', 'بخور معطر', 4500], ['MSK', 'مسك', 3900], ['PRF', 'عطر', 19900], ['DAT', 'تمر', 5500], ['COF', 'قهوة عربية', 4200],
  ['TEA', 'شاي', 2900], ['HNY', 'عسل', 22000], ['PHC', 'غطاء جوال', 3500], ['CHG', 'شاحن سريع', 6900], ['EAR', 'سماعات لاسلكية', 14900],
  ['PWB', 'باور بانك', 9900], ['SKN', 'كريم مرطب', 5900], ['HAR', 'زيت شعر', 4900], ['MKP', 'أحمر شفاه', 6500], ['PER', 'مجموعة عناية', 11900],
  ['KID', 'فستان أطفال', 7900], ['TOY', 'لعبة تعليمية', 8500], ['SHO', 'حذاء رياضي', 21900], ['BAG', 'حقيبة يد', 17900], ['WAT', 'ساعة يد', 25900],
] as const;
const VARIANTS = ['أسود', 'أبيض', 'بني', 'كحلي', 'رمادي', 'ذهبي', 'فضي', 'وردي', 'أخضر', 'عنابي'] as const;
const SIZES = ['صغير', 'وسط', 'كبير', 'كبير جدا', 'عائلي', 'هدية', 'ميني', 'برو'] as const;

/** 2,000 SKUs; index 0 is the best seller (the SQL picks index floor(2000 × u²)). */
export const CATALOG: readonly { sku: string; name: string; priceMinor: number }[] = (() => {
  const r = prng(2000);
  return Array.from({ length: 2000 }, (_, i) => {
    const [code, name, base] = KINDS[i % KINDS.length];
    const v = Math.floor(i / KINDS.length);
    const price = Math.min(59_900, Math.max(2_400, Math.round((base * (0.6 + 0.9 * r.next())) / 500) * 500 - 100));
    return { sku: `${code}-${String(i + 1).padStart(4, '0')}`, name: `${name} ${VARIANTS[v % VARIANTS.length]} - ${SIZES[Math.floor(v / VARIANTS.length) % SIZES.length]}`, priceMinor: price };
  });
})();

// --- SQL helpers ---------------------------------------------------------------------------

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const b32 = (v: string, n: number) =>
  Array.from({ length: n }, (_, i) => `substr('${CROCKFORD}', ((${v} >> ${5 * (n - 1 - i)}) & 31)::int + 1, 1)`).join(' || ');
/** 32 random bits. */
const R32 = `(random() * 4294967295)::bigint`;
const RISK = `'{"level":"low","score":0,"recommendation":"verify","reasons":[]}'::jsonb`;

const SESSION_SQL = `
  SET synchronous_commit = off;
  SET work_mem = '256MB';
  SET maintenance_work_mem = '1536MB';
  SET max_parallel_maintenance_workers = 0;
  SET max_parallel_workers_per_gather = 0;
  SET jit = off;
  CREATE OR REPLACE FUNCTION pg_temp.ulid(ms bigint, r1 bigint, r2 bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
    $$ SELECT ${b32('ms', 10)} || lpad(to_hex(r1), 8, '0') || lpad(to_hex(r2 & 4294967295), 8, '0') $$;
`;

async function connect(url: string, session = true) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  if (session) await c.query(SESSION_SQL);
  // SEED_HISTORY_EXPLAIN=1: plans of statements over 500 ms go to the PostgreSQL server log.
  if (session && process.env.SEED_HISTORY_EXPLAIN) {
    await c.query(`LOAD 'auto_explain'; SET auto_explain.log_min_duration = '500ms'; SET auto_explain.log_analyze = on;
      SET auto_explain.log_nested_statements = on; SET auto_explain.log_timing = on`);
  }
  return c;
}

function dbName(url: string) {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^wasl_bench_[a-z0-9_]+$/.test(name)) throw new Error(`seed-history only manages databases named wasl_bench_*: got "${name}"`);
  return name;
}
function adminUrl(url: string) {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}
async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = await connect(adminUrl(url), false);
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

interface Marker {
  tool: 'seed-history';
  orders: number;
  complete: boolean;
  store: string;
  seconds: number;
  at: string;
}
async function readMarker(url: string): Promise<Marker | null | undefined> {
  const name = dbName(url);
  return admin(url, async (c) => {
    const { rows } = await c.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [name]);
    if (!rows.length) return undefined; // no database
    try {
      const m = JSON.parse(rows[0].comment ?? '');
      return m?.tool === 'seed-history' ? (m as Marker) : null;
    } catch {
      return null;
    }
  });
}

const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;
const fmt = (n: number | bigint | string) => Number(n).toLocaleString('en-US');

export interface HistoryResult {
  url: string;
  storeId: string;
  orders: number;
  skipped: boolean;
  seconds: Record<string, number>;
}

// --- the seed ------------------------------------------------------------------------------

/**
 * Fill `url` (a wasl_bench_* database, created when missing) with `orders` historical orders
 * of one store, unless it already holds a complete seed of exactly that many.
 */
export async function seedHistory(url: string, opts: { orders: number; force?: boolean; log?: (m: string) => void }): Promise<HistoryResult> {
  const N = Math.floor(opts.orders);
  if (!(N >= 1000)) throw new Error('orders must be at least 1000');
  const say = opts.log ?? ((m: string) => console.log(m));
  const name = dbName(url);
  const t0 = performance.now();
  const seconds: Record<string, number> = {};
  let tPhase = performance.now();
  const phase = (label: string) => {
    const s = (performance.now() - tPhase) / 1000;
    seconds[label] = s;
    say(`seed-history: ${label} ${s.toFixed(1)} s`);
    tPhase = performance.now();
  };

  const marker = await readMarker(url);
  if (marker?.complete && marker.orders === N && !opts.force) {
    const c = await connect(url, false);
    try {
      const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM orders`);
      if (Number(rows[0].n) >= N) {
        say(`seed-history: ${name} already holds ${fmt(rows[0].n)} orders (seeded ${marker.at} in ${marker.seconds.toFixed(0)} s); skipping the seed`);
        return { url, storeId: marker.store, orders: Number(rows[0].n), skipped: true, seconds: {} };
      }
    } finally {
      await c.end();
    }
  }
  await admin(url, async (c) => {
    if (marker !== undefined) {
      say(`seed-history: ${name} holds ${marker ? `${marker.complete ? 'a' : 'an unfinished'} seed of ${fmt(marker.orders)} orders` : 'no complete seed'}; dropping it`);
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    await c.query(`CREATE DATABASE ${name}`);
  });

  say(`seed-history: ${name} created; starting wasl serve once to migrate and create the store`);
  await (await startChildServer({ url }, { key: HISTORY_KEY })).stop();
  phase('migrate + store');

  const a = await connect(url);
  const b = await connect(url);
  try {
    const [store] = (await a.query<{ id: string; seq: string }>(
      `SELECT s.id, (SELECT c.relname FROM pg_class c WHERE c.relkind = 'S' AND c.relname = 'order_number_' || s.id) AS seq
         FROM stores s ORDER BY s.id LIMIT 1`,
    )).rows;
    if (!store?.seq) throw new Error('the server did not create the store and its order-number sequence');
    const storeId = store.id;
    const markerOf = (complete: boolean, s = 0) =>
      `COMMENT ON DATABASE ${name} IS '${JSON.stringify({ tool: 'seed-history', orders: N, complete, store: storeId, seconds: s, at: new Date().toISOString() })}'`;
    await a.query(markerOf(false));
    const keyHash = createHash('sha256').update(HISTORY_KEY).digest('hex');
    const { rows: keys } = await a.query(`SELECT 1 FROM api_keys WHERE key_hash = $1`, [keyHash]);
    if (!keys.length) throw new Error('the store was created without HISTORY_KEY');

    // Products and stock for the catalog (intake reserves stock).
    await a.query(
      `INSERT INTO products (store_id, sku, name, price_minor, currency)
       SELECT $1, sku, name, price, 'SAR' FROM unnest($2::text[], $3::text[], $4::bigint[]) AS t(sku, name, price)`,
      [storeId, CATALOG.map((p) => p.sku), CATALOG.map((p) => p.name), CATALOG.map((p) => p.priceMinor)],
    );
    await a.query(
      `INSERT INTO stock_levels (store_id, sku, location, on_hand) SELECT $1, sku, 'main', 100000000 FROM unnest($2::text[]) sku`,
      [storeId, CATALOG.map((p) => p.sku)],
    );

    // Secondary indexes off during the load; their exact definitions come back afterwards.
    const tables = ['orders', 'order_lines', 'customer_identities', 'customer_addresses', 'customers'];
    const indexes = await dropSecondaryIndexes(a, tables);
    say(`seed-history: ${fmt(N)} orders for store ${storeId}; dropped ${indexes.length} secondary indexes for the load`);

    const end = Date.now() - 3600_000;
    const start = end - 3 * 365 * 86_400_000;
    const openFrom = Math.floor(N * 0.98);
    const shared1 = Math.max(200, Math.round(N * 0.0003));
    const shared2 = Math.max(100, Math.round(N * 0.00008));

    // 1. Customers (scratch): how many orders each, cut so the counts add up to exactly N.
    for (const t of ['bench_seed_cnt', 'bench_seed_cust', 'bench_seed_ord']) await a.query(`DROP TABLE IF EXISTS ${t}`);
    await a.query(`SET work_mem = '2GB'`);
    await a.query(
      `CREATE UNLOGGED TABLE bench_seed_cnt AS
       SELECT k, least(want, $1::bigint - before)::int AS cnt FROM (
         SELECT k, want, sum(want) OVER (ORDER BY k) - want AS before FROM (
           SELECT k, CASE WHEN k = 1 THEN $3::int WHEN k = 2 THEN $4::int
                          WHEN u < 0.55 THEN 1 WHEN u < 0.85 THEN 2 + floor(v * 4)::int
                          WHEN u < 0.985 THEN 6 + floor(v * 14)::int ELSE 20 + floor(81 * v * v)::int END AS want
             FROM (SELECT k, random() AS u, random() AS v FROM generate_series(1, $2::int) k OFFSET 0) r) w) c
        WHERE before < $1`,
      [N, Math.ceil((N / 3.99) * 1.1) + 10, shared1, shared2],
    );
    // Each customer: identity, home (or a shared desk), second address for 3+ orders, usual
    // IP and browser, and how likely they refuse or ghost (district × person). Addresses and
    // client are built here once as jsonb, as the customer types them (25% with Arabic-Indic
    // digits), and copied into each order.
    await a.query(
      `CREATE UNLOGGED TABLE bench_seed_cust AS
       SELECT k, cnt, t0, 'cus_' || pg_temp.ulid(t0, k, rr) AS id, nat, '+966' || nat AS e164, name, email, lower(email) AS email_can,
              shared, home_d, home_key, alt_d, alt_key, ip, ua, pr, pg,
              CASE WHEN desk IS NOT NULL THEN ($23::jsonb[])[1 + desk]
                   ELSE jsonb_build_object('line1', CASE WHEN ai THEN translate(home_line, '0123456789', '٠١٢٣٤٥٦٧٨٩') ELSE home_line END,
                          'district', ($20::text[])[1 + home_d], 'city', ($21::text[])[1 + home_d / 10],
                          'region', ($22::text[])[1 + home_d / 10], 'country', 'SA') END AS home_addr,
              CASE WHEN alt_d IS NOT NULL THEN
                jsonb_build_object('line1', CASE WHEN ai THEN translate(alt_line, '0123456789', '٠١٢٣٤٥٦٧٨٩') ELSE alt_line END,
                  'district', ($20::text[])[1 + alt_d], 'city', ($21::text[])[1 + alt_d / 10],
                  'region', ($22::text[])[1 + alt_d / 10], 'country', 'SA') END AS alt_addr,
              jsonb_build_object('ip', ip, 'user_agent', ($24::text[])[1 + ua]) AS client
         FROM (
           SELECT k, cnt, t0, rr, shared, desk, home_d, ip, ua, ai,
                  '5' || ($5::text[])[1 + (v / 10000000)::int] || lpad((v % 10000000)::text, 7, '0') AS nat,
                  ($6::text[])[1 + fi] || ' ' || ($8::text[])[1 + fa] AS name,
                  CASE WHEN u_mail < 0.6 THEN
                    CASE WHEN u_cap < 0.2 THEN initcap(($7::text[])[1 + fi]) ELSE ($7::text[])[1 + fi] END
                    || CASE WHEN dom = 'gmail.com' THEN '' ELSE '.' END
                    || CASE WHEN u_cap < 0.2 THEN initcap(($9::text[])[1 + fa]) ELSE ($9::text[])[1 + fa] END
                    || v::text || '@' || dom END AS email,
                  CASE WHEN desk IS NOT NULL THEN ($17::text[])[1 + desk]
                       ELSE ($11::text[])[1 + st] || CASE WHEN fmt THEN '، مبنى ' ELSE ' ' END || bld END AS home_line,
                  CASE WHEN desk IS NOT NULL THEN ($18::text[])[1 + desk]
                       ELSE 'sa|' || ($14::text[])[1 + home_d / 10] || '|' || ($13::text[])[1 + home_d] || '|'
                            || ($12::text[])[1 + st] || CASE WHEN fmt THEN ' مبني ' ELSE ' ' END || bld END AS home_key,
                  alt_d,
                  CASE WHEN alt_d IS NOT NULL THEN ($11::text[])[1 + alt_st] || ' ' || alt_bld END AS alt_line,
                  CASE WHEN alt_d IS NOT NULL THEN 'sa|' || ($14::text[])[1 + alt_d / 10] || '|' || ($13::text[])[1 + alt_d] || '|'
                       || ($12::text[])[1 + alt_st] || ' ' || alt_bld END AS alt_key,
                  least(0.6, 0.100 * ($19::float8[])[1 + home_d] * CASE WHEN u_ref < 0.85 THEN 0.7 WHEN u_ref < 0.97 THEN 1.8 ELSE 5 END) AS pr,
                  least(0.35, 0.095 * CASE WHEN u_gh < 0.9 THEN 0.65 WHEN u_gh < 0.98 THEN 2.5 ELSE 8 END) AS pg
             FROM (
               SELECT *, CASE WHEN desk IS NOT NULL THEN ($16::int[])[1 + desk] ELSE city * 10 + floor(u_dist * 10)::int END AS home_d,
                      CASE WHEN cnt >= 3 AND NOT shared THEN coalesce(($16::int[])[1 + desk] / 10, city) * 10 + floor(u_a1 * 10)::int END AS alt_d
                 FROM (
                   SELECT k, cnt, rr, k <= 2 AS shared, u_dist, u_mail, u_cap, u_ref, u_gh, u_a1, u_ai < 0.25 AS ai,
                          floor(u_ua * ${USER_AGENTS.length})::int AS ua,
                          CASE WHEN k <= 2 THEN $1::bigint + floor(u_t0 * ($2::bigint - $1::bigint) * 0.02)::bigint
                               WHEN cnt = 1 THEN $1::bigint + floor(u_t0 * ($2::bigint - $1::bigint))::bigint
                               ELSE $1::bigint + floor(power(u_t0, 1.5) * ($2::bigint - $1::bigint))::bigint END AS t0,
                          (k::bigint * 48271 + 9137) % 70000000 AS v,
                          floor(u_fi * ${FIRST.length})::int AS fi, floor(u_fa * ${FAMILY.length})::int AS fa,
                          ($25::text[])[1 + ($10::int[])[1 + floor(u_dom * 1000)::int]] AS dom,
                          CASE WHEN k > 2 AND u_desk < 0.012 THEN ($15::int[])[1 + floor(u_deskw * 1000)::int] END AS desk,
                          ($3::int[])[1 + floor(u_city * 1000)::int] AS city,
                          floor(u_st * ${STREETS.length})::int AS st, 1000 + floor(u_b * 9000)::int AS bld, u_fmt < 0.5 AS fmt,
                          floor(u_a2 * ${STREETS.length})::int AS alt_st, 1000 + floor(u_a3 * 9000)::int AS alt_bld,
                          ($4::text[])[1 + floor(u_ip * 20)::int] || '.' || floor(u_ip2 * 256)::int || '.' || (1 + floor(u_ip3 * 254)::int) AS ip
                     FROM (SELECT k, cnt, random() u_t0, random() u_fi, random() u_fa, random() u_mail, random() u_cap, random() u_dom,
                                  random() u_desk, random() u_deskw, random() u_city, random() u_dist, random() u_st, random() u_b,
                                  random() u_fmt, random() u_a1, random() u_a2, random() u_a3, random() u_ip, random() u_ip2,
                                  random() u_ip3, random() u_ref, random() u_gh, random() u_ai, random() u_ua, ${R32} AS rr
                             FROM bench_seed_cnt OFFSET 0) r
                 ) x
             ) y
           OFFSET 0) z`,
      [start, end, CITY_OF, [...IP_PREFIXES], [...SA_SECOND], FIRST.map((f) => f[0]), FIRST.map((f) => f[1]), FAMILY.map((f) => f[0]),
        FAMILY.map((f) => f[1]), DOMAIN_OF, [...STREETS], STREET_KEYS, DIST_KEYS, CITY_KEYS, SHARED_OF, SHARED.map((s) => s.d),
        SHARED.map((s) => s.line1), SHARED.map((s) => s.key), DIST_FACTOR, DIST_NAMES, CITIES.map((c) => c.name),
        CITIES.map((c) => c.region), SHARED.map((s) => JSON.stringify(s.address)), [...USER_AGENTS], DOMAINS.map((d) => d[0])],
    );
    await a.query(`CREATE UNIQUE INDEX ON bench_seed_cust (k)`);
    await a.query(`ANALYZE bench_seed_cust`);
    const { rows: [{ customers, shared_ids }] } = await a.query<{ customers: string; shared_ids: string[] }>(
      `SELECT count(*) AS customers, array_agg(id) FILTER (WHERE shared) AS shared_ids FROM bench_seed_cust`);
    phase(`customers (scratch, ${fmt(customers)})`);

    // 2. One row per order: the first at the customer's first time, the others later; ranked
    //    by time, the rank is the order's position (number − 1001).
    await a.query(
      `CREATE UNLOGGED TABLE bench_seed_ord AS
       SELECT (row_number() OVER (ORDER BY ts, k, j) - 1)::int AS i, ts, k, j
         FROM (SELECT c.k, g.j, CASE WHEN g.j = 0 THEN c.t0 ELSE c.t0 + floor(random() * ($1::bigint - c.t0))::bigint END AS ts
                 FROM bench_seed_cust c CROSS JOIN LATERAL generate_series(0, c.cnt - 1) g(j)) s`,
      [end],
    );
    await a.query(`CREATE INDEX ON bench_seed_ord USING brin (i) WITH (pages_per_range = 16)`);
    await a.query(`ANALYZE bench_seed_ord`);
    await a.query(`SET work_mem = '256MB'`);
    phase('order slots (sorted by time)');

    // 3. Customers, identities and addresses on one connection while the other starts on the
    //    orders; then both take chunks of orders.
    const customerRows = async (c: pg.Client) => {
      const t = performance.now();
      await c.query(`SET work_mem = '1GB'; SET enable_hashjoin = on; SET enable_mergejoin = on`);
      await c.query(
        `INSERT INTO customers (id, store_id, name, phone, phone_e164, phone_type, email, email_canonical, order_count, group_id,
                                created_at, updated_at)
         SELECT c.id, $1, c.name, '0' || c.nat, c.e164, 'mobile', c.email, c.email_can, c.cnt, c.id,
                to_timestamp(c.t0 / 1000.0), to_timestamp(m.last / 1000.0)
           FROM bench_seed_cust c JOIN (SELECT k, max(ts) AS last FROM bench_seed_ord GROUP BY k) m USING (k)
          ORDER BY c.id COLLATE "C"`,
        [storeId],
      );
      await c.query(
        `INSERT INTO customer_identities (store_id, kind, value, customer_id, created_at)
         SELECT $1, kind, value, id, created FROM (
           SELECT 'phone' AS kind, e164 AS value, id, to_timestamp(t0 / 1000.0) AS created FROM bench_seed_cust
           UNION ALL
           SELECT 'email', email_can, id, to_timestamp(t0 / 1000.0) FROM bench_seed_cust WHERE email_can IS NOT NULL) x
          ORDER BY kind COLLATE "C", value COLLATE "C"`,
        [storeId],
      );
      await c.query(
        `INSERT INTO customer_addresses (store_id, address_key, customer_id, created_at)
         SELECT $1, key, id, min(created) FROM (
           SELECT home_key AS key, id, to_timestamp(t0 / 1000.0) AS created FROM bench_seed_cust WHERE NOT shared
           UNION ALL
           SELECT alt_key, id, to_timestamp(t0 / 1000.0) FROM bench_seed_cust WHERE alt_key IS NOT NULL) x
          GROUP BY key, id ORDER BY key COLLATE "C", id COLLATE "C"
         ON CONFLICT DO NOTHING`,
        [storeId],
      );
      await c.query(`SET work_mem = '256MB'; SET enable_hashjoin = off; SET enable_mergejoin = off`);
      say(`seed-history: customers, identities, addresses written in ${secs(t)}`);
    };

    const orderChunk = async (c: pg.Client, from: number, to: number) => {
      await c.query(
        `WITH src AS MATERIALIZED (
           SELECT i, ts, k, j, rr, 'ord_' || pg_temp.ulid(ts, i::bigint, rr) AS id,
                  CASE WHEN r0 < 0.6 THEN 1 WHEN r0 < 0.88 THEN 2 ELSE 3 END AS nl,
                  s1, (s1 + 1 + d2) % ${CATALOG.length} AS s2, (s1 + 2 + d2 + d3) % ${CATALOG.length} AS s3, q1, q2, q3,
                  u1, u2, u3, u4, u5, u6, u7, u8, u9, u10, u11, u12, sh_d, sh_st, sh_bld, sh_fi, sh_fa, ipa, ipb, ipc
             FROM (SELECT o.i, o.ts, o.k, o.j, ${R32} AS rr, random() AS r0,
                          floor(${CATALOG.length} * power(random(), 2))::int AS s1,
                          floor(998 * power(random(), 3))::int AS d2, floor(998 * random())::int AS d3,
                          CASE WHEN random() < 0.85 THEN 1 WHEN random() < 0.8 THEN 2 ELSE 3 END AS q1,
                          CASE WHEN random() < 0.85 THEN 1 WHEN random() < 0.8 THEN 2 ELSE 3 END AS q2,
                          CASE WHEN random() < 0.85 THEN 1 WHEN random() < 0.8 THEN 2 ELSE 3 END AS q3,
                          random() u1, random() u2, random() u3, random() u4, random() u5, random() u6, random() u7,
                          random() u8, random() u9, random() u10, random() u11, random() u12,
                          ($8::int[])[1 + floor(random() * 1000)::int] * 10 + floor(random() * 10)::int AS sh_d,
                          floor(random() * ${STREETS.length})::int AS sh_st, 1000 + floor(random() * 9000)::int AS sh_bld,
                          floor(random() * ${FIRST.length})::int AS sh_fi, floor(random() * ${FAMILY.length})::int AS sh_fa,
                          floor(random() * ${IP_PREFIXES.length})::int AS ipa, floor(random() * 256)::int AS ipb, 1 + floor(random() * 254)::int AS ipc
                     FROM bench_seed_ord o WHERE o.i >= $2 AND o.i < $3 OFFSET 0) r),
         lines AS (
           INSERT INTO order_lines (id, store_id, order_id, position, sku, name, quantity, unit_price_minor, total_minor)
           SELECT 'oln_' || pg_temp.ulid(s.ts, s.i::bigint * 4 + l.p, s.rr # l.p), $1, s.id, l.p,
                  ($5::text[])[1 + l.sku % ${KINDS.length}] || '-' || lpad((l.sku + 1)::text, 4, '0'),
                  ($6::text[])[1 + l.sku % ${KINDS.length}] || ' ' || ($21::text[])[1 + (l.sku / ${KINDS.length}) % ${VARIANTS.length}]
                    || ' - ' || ($22::text[])[1 + (l.sku / ${KINDS.length * VARIANTS.length}) % ${SIZES.length}],
                  l.q, ($7::bigint[])[1 + l.sku], ($7::bigint[])[1 + l.sku] * l.q
             FROM src s CROSS JOIN LATERAL (VALUES (1, s.s1, s.q1), (2, s.s2, s.q2), (3, s.s3, s.q3)) AS l(p, sku, q)
            WHERE l.p <= s.nl)
         INSERT INTO orders (id, store_id, number, external_id, source, status, payment_method, payment_status, fulfillment_status,
             verification, risk, customer_id, customer_name, customer_phone, customer_phone_e164, customer_email,
             customer_email_canonical, shipping_address, address_key, currency, subtotal_minor, shipping_minor, discount_minor,
             tax_minor, total_minor, note, client, client_ip, outcome, imported, placed_at, created_at, updated_at)
           SELECT id, $1, 1001 + i,
                  CASE WHEN u12 < 0.55 THEN (200000000 + i)::text WHEN u12 < 0.8 THEN (60000000 + i)::text
                       WHEN u12 < 0.9 THEN (5200000000 + i)::text END,
                  CASE WHEN u12 < 0.55 THEN 'salla' WHEN u12 < 0.8 THEN 'zid' WHEN u12 < 0.9 THEN 'shopify' ELSE 'api' END,
                  CASE outcome WHEN 'delivered' THEN 'completed' WHEN 'refused' THEN 'returned' WHEN 'returned' THEN 'returned'
                               WHEN 'ghost' THEN 'cancelled' WHEN 'cancelled' THEN 'cancelled'
                               ELSE CASE WHEN u2 < 0.6 THEN 'pending' ELSE 'confirmed' END END,
                  method,
                  CASE outcome WHEN 'delivered' THEN 'paid' WHEN 'returned' THEN 'refunded' WHEN 'refused' THEN 'unpaid'
                               WHEN 'ghost' THEN 'unpaid' WHEN 'cancelled' THEN 'unpaid'
                               ELSE CASE method WHEN 'online' THEN 'paid' ELSE 'pending' END END,
                  CASE outcome WHEN 'delivered' THEN 'delivered' WHEN 'refused' THEN 'refused' WHEN 'returned' THEN 'returned'
                               ELSE 'unfulfilled' END,
                  CASE outcome WHEN 'ghost' THEN '{"status":"ghost"}'::jsonb WHEN 'cancelled' THEN '{"status":"pending"}'::jsonb
                               WHEN 'delivered' THEN '{"status":"confirmed"}'::jsonb WHEN 'refused' THEN '{"status":"confirmed"}'::jsonb
                               WHEN 'returned' THEN '{"status":"confirmed"}'::jsonb
                               ELSE CASE WHEN u2 < 0.6 THEN '{"status":"awaiting_customer"}'::jsonb ELSE '{"status":"confirmed"}'::jsonb END END,
                  ${RISK}, cid, cname,
                  CASE WHEN u4 < 0.6 THEN '0' || nat WHEN u4 < 0.8 THEN '+966' || nat WHEN u4 < 0.88 THEN '966' || nat
                       WHEN u4 < 0.93 THEN '00966' || nat
                       WHEN u4 < 0.98 THEN '0' || substr(nat, 1, 2) || ' ' || substr(nat, 3, 3) || ' ' || substr(nat, 6)
                       ELSE translate('0' || nat, '0123456789', '٠١٢٣٤٥٦٧٨٩') END,
                  e164, mail, lower(mail), addr, akey, 'SAR', sub, ship, disc, 0, sub + ship - disc,
                  CASE WHEN u9 < 0.05 THEN ($13::text[])[1 + floor(u9 * 80)::int] END,
                  CASE ipsrc WHEN 1 THEN cclient WHEN 2 THEN jsonb_build_object('ip', ip, 'user_agent', ($14::text[])[1 + ua]) END,
                  ip, outcome, outcome IS NOT NULL, placed, placed,
                  CASE WHEN outcome IS NULL THEN placed ELSE least(now(), placed + (1 + 9 * u3) * interval '1 day') END
             FROM (
               SELECT *, CASE ipsrc WHEN 1 THEN cip WHEN 2 THEN ($9::text[])[1 + ipa] || '.' || ipb || '.' || ipc END AS ip
                 FROM (
                   SELECT s.*, c.id AS cid, c.nat, c.e164, c.ip AS cip, c.client AS cclient, c.ua,
                          CASE WHEN c.shared THEN ($15::text[])[1 + s.sh_fi] || ' ' || ($16::text[])[1 + s.sh_fa] ELSE c.name END AS cname,
                          CASE WHEN c.email IS NOT NULL AND s.u5 < 0.85 THEN c.email END AS mail,
                          CASE WHEN s.i >= $4 THEN NULL WHEN s.u1 < c.pr THEN 'refused' WHEN s.u1 < c.pr + c.pg THEN 'ghost'
                               WHEN s.u1 < c.pr + c.pg + 0.051 THEN 'returned' WHEN s.u1 < c.pr + c.pg + 0.1122 THEN 'cancelled'
                               ELSE 'delivered' END AS outcome,
                          CASE WHEN s.i >= $4 THEN CASE WHEN s.u6 < 0.1 THEN 'online' ELSE 'cod' END
                               WHEN s.u6 < 0.12 AND s.u1 >= c.pr + c.pg THEN 'online' ELSE 'cod' END AS method,
                          CASE WHEN c.shared THEN jsonb_build_object('line1', ($17::text[])[1 + s.sh_st] || ' ' || s.sh_bld,
                                 'district', ($10::text[])[1 + s.sh_d], 'city', ($11::text[])[1 + s.sh_d / 10],
                                 'region', ($12::text[])[1 + s.sh_d / 10], 'country', 'SA')
                               WHEN c.alt_d IS NOT NULL AND (s.j = 1 OR (s.j > 1 AND s.u8 > 0.9)) THEN c.alt_addr ELSE c.home_addr END AS addr,
                          CASE WHEN c.shared THEN 'sa|' || ($18::text[])[1 + s.sh_d / 10] || '|' || ($19::text[])[1 + s.sh_d] || '|'
                                                  || ($20::text[])[1 + s.sh_st] || ' ' || s.sh_bld
                               WHEN c.alt_d IS NOT NULL AND (s.j = 1 OR (s.j > 1 AND s.u8 > 0.9)) THEN c.alt_key ELSE c.home_key END AS akey,
                          CASE WHEN s.u10 < 0.5 THEN 0 WHEN c.shared OR s.u11 < 0.25 THEN 2 ELSE 1 END AS ipsrc,
                          ($7::bigint[])[1 + s.s1] * s.q1
                            + CASE WHEN s.nl >= 2 THEN ($7::bigint[])[1 + s.s2] * s.q2 ELSE 0 END
                            + CASE WHEN s.nl >= 3 THEN ($7::bigint[])[1 + s.s3] * s.q3 ELSE 0 END AS sub,
                          to_timestamp(s.ts / 1000.0) AS placed
                     FROM src s JOIN bench_seed_cust c ON c.k = s.k
                    OFFSET 0) x0
                OFFSET 0) x
             CROSS JOIN LATERAL (SELECT CASE WHEN sub >= 20000 THEN 0 ELSE 2500 END AS ship,
                                        CASE WHEN u8 < 0.08 THEN (sub / 1000) * 100 ELSE 0 END AS disc) t`,
        [storeId, from, to, openFrom, KINDS.map((k) => k[0]), KINDS.map((k) => k[1]), CATALOG.map((p) => p.priceMinor),
          CITY_OF, [...IP_PREFIXES], DIST_NAMES, CITIES.map((c) => c.name), CITIES.map((c) => c.region), [...NOTES], [...USER_AGENTS],
          FIRST.map((f) => f[0]), FAMILY.map((f) => f[0]), [...STREETS], CITY_KEYS, DIST_KEYS, STREET_KEYS,
          [...VARIANTS], [...SIZES]],
      );
    };

    for (const c of [a, b]) await c.query(`SET enable_hashjoin = off; SET enable_mergejoin = off`);
    const queue: [number, number][] = [];
    for (let i = 0; i < N; i += CHUNK) queue.push([i, Math.min(N, i + CHUNK)]);
    let done = 0;
    const tOrders = performance.now();
    const worker = async (c: pg.Client) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await orderChunk(c, next[0], next[1]);
        done += next[1] - next[0];
        const s = (performance.now() - tOrders) / 1000;
        say(`seed-history: orders ${fmt(done)} / ${fmt(N)} (${((done / N) * 100).toFixed(0)}%) in ${s.toFixed(0)} s, ${fmt(Math.round(done / s))} orders/s`);
      }
    };
    await Promise.all([customerRows(a).then(() => worker(a)), worker(b)]);
    await a.query(`SELECT setval($1::regclass, $2::bigint)`, [`"${store.seq}"`, 1000 + N]);
    phase('rows (customers, identities, addresses, orders, lines)');

    // 4. Indexes back, biggest first, two at a time.
    const size = new Map((await a.query<{ t: string; b: string }>(
      `SELECT relname AS t, pg_relation_size(oid) AS b FROM pg_class WHERE relname = ANY($1)`, [tables])).rows.map((r) => [r.t, Number(r.b)]));
    const order = [...indexes].sort((x, y) => (size.get(y.table) ?? 0) - (size.get(x.table) ?? 0));
    const ixWorker = async (c: pg.Client) => {
      for (let ix = order.shift(); ix; ix = order.shift()) {
        const t = performance.now();
        await c.query(ix.def);
        say(`seed-history: index ${ix.name} in ${secs(t)}`);
      }
    };
    await Promise.all([ixWorker(a), ixWorker(b)]);
    // The two shared phones' many addresses, from their orders (after the load, so the sorted
    // insert of everyone else's addresses above stayed an append).
    await a.query(
      `INSERT INTO customer_addresses (store_id, address_key, customer_id, created_at)
       SELECT store_id, address_key, customer_id, min(placed_at) FROM orders
        WHERE store_id = $1 AND customer_id = ANY($2::text[]) GROUP BY 1, 2, 3
       ON CONFLICT DO NOTHING`,
      [storeId, shared_ids],
    );
    phase(`indexes (${indexes.length})`);

    for (const t of ['bench_seed_cnt', 'bench_seed_cust', 'bench_seed_ord']) await a.query(`DROP TABLE ${t}`);
    const vacuum = ['orders', 'order_lines', 'customer_identities', 'customer_addresses', 'customers', 'products', 'stock_levels'];
    const vWorker = async (c: pg.Client) => {
      for (let t = vacuum.shift(); t; t = vacuum.shift()) await c.query(`VACUUM (ANALYZE) ${t}`);
    };
    await Promise.all([vWorker(a), vWorker(b)]);
    await a.query('CHECKPOINT');
    phase('VACUUM (ANALYZE) + checkpoint');

    const total = (performance.now() - t0) / 1000;
    seconds.total = total;
    await a.query(markerOf(true, total));
    say(`seed-history: ${fmt(N)} orders seeded in ${total.toFixed(0)} s (${(total / 60).toFixed(1)} min)`);
    await checkSample(a, storeId, N, say);
    return { url, storeId, orders: N, skipped: false, seconds };
  } finally {
    await a.end();
    await b.end();
  }
}

/** Re-normalise a few hundred random orders with the app's own functions: keys must agree. */
async function checkSample(c: pg.Client, storeId: string, n: number, say: (m: string) => void) {
  const { rows } = await c.query<{ customer_phone: string; customer_phone_e164: string; customer_email: string | null;
    customer_email_canonical: string | null; shipping_address: any; address_key: string }>(
    `SELECT customer_phone, customer_phone_e164, customer_email, customer_email_canonical, shipping_address, address_key
       FROM orders WHERE store_id = $1 AND number = ANY(SELECT 1001 + floor(random() * $2::int)::bigint FROM generate_series(1, 500))`,
    [storeId, n],
  );
  let bad = 0;
  for (const r of rows) {
    const p = normalizePhone(r.customer_phone, ['SA']);
    const e = r.customer_email ? canonicalEmail(r.customer_email).canonical : null;
    const k = addressKey(r.shipping_address);
    if (p.e164 !== r.customer_phone_e164 || !p.valid || p.type !== 'mobile' || e !== r.customer_email_canonical || k !== r.address_key) {
      if (bad++ < 3) say(`seed-history: MISMATCH ${JSON.stringify({ r, phone: p.e164, email: e, key: k })}`);
    }
  }
  say(`seed-history: check: ${rows.length} random orders re-normalised with src/modules/customers/normalize: ${bad} mismatches`);
}

// --- sizes ---------------------------------------------------------------------------------

export async function printSizes(url: string, log: (m: string) => void = console.log) {
  const c = await connect(url, false);
  try {
    const tables = ['orders', 'order_lines', 'customers', 'customer_identities', 'customer_addresses'];
    const mb = (b: string | number) => `${(Number(b) / 1024 ** 2).toLocaleString('en-US', { maximumFractionDigits: 0 })} MB`;
    log(`\n${'table'.padEnd(22)}${'rows'.padStart(14)}${'heap'.padStart(12)}${'indexes'.padStart(12)}${'total'.padStart(12)}`);
    let sum = 0;
    for (const t of tables) {
      const { rows: [r] } = await c.query<{ n: string; heap: string; idx: string; total: string }>(
        `SELECT (SELECT count(*) FROM ${t}) AS n, pg_relation_size('${t}') AS heap, pg_indexes_size('${t}') AS idx,
                pg_total_relation_size('${t}') AS total`);
      sum += Number(r.total);
      log(`${t.padEnd(22)}${fmt(r.n).padStart(14)}${mb(r.heap).padStart(12)}${mb(r.idx).padStart(12)}${mb(r.total).padStart(12)}`);
    }
    log(`${'(these five)'.padEnd(22)}${''.padStart(14)}${''.padStart(12)}${''.padStart(12)}${mb(sum).padStart(12)}`);
    const { rows: ix } = await c.query<{ t: string; i: string; b: string }>(
      `SELECT t.relname AS t, i.relname AS i, pg_relation_size(i.oid) AS b FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname = ANY($1) ORDER BY t.relname, pg_relation_size(i.oid) DESC`, [tables]);
    log(`indexes: ${ix.map((r) => `${r.i} ${mb(r.b)}`).join(', ')}`);
    const { rows: [d] } = await c.query<{ b: string }>(`SELECT pg_database_size(current_database()) AS b`);
    log(`database ${mb(d.b)}`);
  } finally {
    await c.end();
  }
}

// --- intake subjects -----------------------------------------------------------------------

export interface IntakeSubject {
  customerId: string | null;
  phone: { raw: string; e164: string; valid: true; type: 'mobile' };
  email: string | null;
  ip: string | null;
  address: { line1: string; district: string; city: string; region: string; country: string };
  addressKey: string;
  skus: string[];
  units: number;
  totalMinor: bigint;
  /** Extras: how the subject was drawn, a name, and the lines behind skus/units/totalMinor (goods only, no shipping). */
  kind: 'returning' | 'returning_open' | 'new' | 'shared_address' | 'shared_phone';
  name: string;
  lines: { sku: string; quantity: number; unitPriceMinor: number }[];
  /** Returning customers with an open order: true when one of skus is on that order. */
  matchesOpenOrder: boolean;
}

/**
 * `n` realistic intake subjects drawn from a seeded database: ~60% returning customers (their
 * phone, email, latest address and IP; a quarter of them have an open order, and half of those
 * order one of its SKUs again), ~30% new people (fresh phone and email, an existing city and
 * district, a new street address), ~10% on a courier-desk/office address or a shared phone.
 */
export async function sampleSubjects(url: string, n: number, opts: { seed?: number } = {}): Promise<IntakeSubject[]> {
  const rng = prng(opts.seed ?? Math.floor(Math.random() * 2 ** 31));
  const c = await connect(url, false);
  try {
    const [{ id: storeId }] = (await c.query<{ id: string }>(`SELECT id FROM stores ORDER BY id LIMIT 1`)).rows;
    const [{ last }] = (await c.query<{ last: string }>(`SELECT max(number) AS last FROM orders WHERE store_id = $1`, [storeId])).rows;
    const maxNumber = Number(last);
    const nShared = Math.round(n * 0.1);
    const nReturning = Math.round(n * 0.6);
    const nNew = n - nShared - nReturning;
    const nOpen = Math.round(nReturning / 4);

    const pickSkus = (): IntakeSubject['lines'] => {
      const count = rng.chance(0.6) ? 1 : rng.chance(0.7) ? 2 : 3;
      const out: IntakeSubject['lines'] = [];
      while (out.length < count) {
        const p = CATALOG[Math.floor(CATALOG.length * rng.next() ** 2)];
        if (!out.some((l) => l.sku === p.sku)) out.push({ sku: p.sku, quantity: rng.chance(0.85) ? 1 : 2, unitPriceMinor: p.priceMinor });
      }
      return out;
    };
    const finish = (s: Omit<IntakeSubject, 'skus' | 'units' | 'totalMinor' | 'addressKey'> & { addressKey?: string }): IntakeSubject => {
      const key = addressKey(s.address);
      if (s.addressKey !== undefined && s.addressKey !== key) throw new Error(`stored address key ${s.addressKey} ≠ addressKey() ${key}`);
      return {
        ...s, addressKey: key, skus: s.lines.map((l) => l.sku), units: s.lines.reduce((a, l) => a + l.quantity, 0),
        totalMinor: s.lines.reduce((a, l) => a + BigInt(l.unitPriceMinor) * BigInt(l.quantity), 0n),
      };
    };
    const spell = (e164: string) => {
      const nat = e164.slice(4);
      return rng.pick([`0${nat}`, `0${nat}`, `+966${nat}`, `966${nat}`, `0${nat.slice(0, 2)} ${nat.slice(2, 5)} ${nat.slice(5)}`]);
    };
    const randomIp = () => `${rng.pick(IP_PREFIXES)}.${rng.int(256)}.${1 + rng.int(254)}`;
    const randomPerson = () => {
      const f = rng.pick(FIRST);
      const l = rng.pick(FAMILY);
      return { name: `${f[0]} ${l[0]}`, email: `${f[1]}.${l[1]}${rng.int(100_000)}@${rng.pick(['hotmail.com', 'outlook.com', 'icloud.com', 'yahoo.com'])}` };
    };
    const randomName = () => randomPerson().name;
    const randomAddress = () => {
      const city = CITIES[CITY_OF[rng.int(1000)]];
      const line1 = rng.chance(0.5) ? `${rng.pick(STREETS)} ${1000 + rng.int(9000)}` : `${rng.pick(STREETS)}، مبنى ${1000 + rng.int(9000)}`;
      return { line1, district: `حي ${rng.pick(city.districts)}`, city: city.name, region: city.region, country: 'SA' };
    };
    // Fresh phones and emails: checked against the identities, so they really are new.
    const freshIdentities = async (count: number) => {
      const phones: string[] = [];
      const people: { name: string; email: string }[] = [];
      while (people.length < count) {
        const cand = Array.from({ length: count - people.length + 10 }, randomPerson);
        const { rows } = await c.query<{ value: string }>(
          `SELECT value FROM customer_identities WHERE store_id = $1 AND kind = 'email' AND value = ANY($2)`, [storeId, cand.map((p) => p.email)]);
        const taken = new Set(rows.map((r) => r.value));
        for (const p of cand) if (!taken.has(p.email) && people.length < count && !people.some((q) => q.email === p.email)) people.push(p);
      }
      while (phones.length < count) {
        const cand = Array.from({ length: count - phones.length + 10 }, () => `+9665${rng.pick(SA_SECOND)}${String(rng.int(10_000_000)).padStart(7, '0')}`);
        const { rows } = await c.query<{ value: string }>(
          `SELECT value FROM customer_identities WHERE store_id = $1 AND kind = 'phone' AND value = ANY($2)`, [storeId, cand]);
        const taken = new Set(rows.map((r) => r.value));
        for (const p of new Set(cand)) if (!taken.has(p) && phones.length < count && !phones.includes(p)) phones.push(p);
      }
      return { phones, people };
    };

    type Row = { id: string; name: string; e164: string; email: string | null; address: any; address_key: string; ip: string | null; open_skus: string[] | null };
    const customerSql = (from: string) => `
      SELECT c.id, c.name, c.phone_e164 AS e164, c.email_canonical AS email, lo.shipping_address AS address, lo.address_key,
             (SELECT o.client_ip FROM orders o WHERE o.store_id = $1 AND o.customer_id = c.id AND o.client_ip IS NOT NULL
               ORDER BY o.id DESC LIMIT 1) AS ip,
             (SELECT array_agg(l.sku) FROM orders o JOIN order_lines l ON l.store_id = o.store_id AND l.order_id = o.id
               WHERE o.store_id = $1 AND o.customer_id = c.id AND o.status IN ('pending', 'confirmed')) AS open_skus
        FROM (${from}) s JOIN customers c ON c.id = s.customer_id
        CROSS JOIN LATERAL (SELECT shipping_address, address_key FROM orders o WHERE o.store_id = $1 AND o.customer_id = c.id
                             ORDER BY o.id DESC LIMIT 1) lo`;
    const returning = (r: Row, kind: IntakeSubject['kind']): IntakeSubject => {
      let lines = pickSkus();
      let matches = false;
      if (r.open_skus?.length && rng.chance(0.5)) {
        const again = rng.pick(r.open_skus);
        const p = CATALOG.find((x) => x.sku === again);
        if (p) {
          lines = [{ sku: p.sku, quantity: 1, unitPriceMinor: p.priceMinor }, ...lines.filter((l) => l.sku !== p.sku)].slice(0, 3);
          matches = true;
        }
      }
      return finish({
        kind, customerId: r.id, name: r.name, phone: { raw: spell(r.e164), e164: r.e164, valid: true, type: 'mobile' },
        email: r.email && rng.chance(0.85) ? r.email : null, ip: r.ip && rng.chance(0.8) ? r.ip : rng.chance(0.5) ? randomIp() : null,
        address: { line1: r.address.line1, district: r.address.district, city: r.address.city, region: r.address.region, country: r.address.country },
        addressKey: r.address_key, lines, matchesOpenOrder: matches,
      });
    };

    const out: IntakeSubject[] = [];
    // Returning customers, drawn by order (a customer who orders often comes back often).
    const numbers = Array.from({ length: (nReturning - nOpen) * 2 }, () => 1001 + rng.int(maxNumber - 1000));
    const plain = (await c.query<Row>(customerSql(
      `SELECT DISTINCT customer_id FROM orders WHERE store_id = $1 AND number = ANY($2::bigint[])`), [storeId, numbers])).rows;
    const withOpen = (await c.query<Row>(customerSql(
      `SELECT customer_id FROM (SELECT DISTINCT customer_id FROM orders WHERE store_id = $1 AND status IN ('pending', 'confirmed')) d
        ORDER BY random() LIMIT $2`), [storeId, nOpen])).rows;
    for (const r of plain.slice(0, nReturning - withOpen.length)) out.push(returning(r, 'returning'));
    for (const r of withOpen) out.push(returning(r, 'returning_open'));

    // New people.
    const fresh = await freshIdentities(nNew + nShared);
    for (let i = 0; i < nNew; i++) {
      out.push(finish({
        kind: 'new', customerId: null, name: fresh.people[i].name,
        phone: { raw: spell(fresh.phones[i]), e164: fresh.phones[i], valid: true, type: 'mobile' },
        email: rng.chance(0.5) ? fresh.people[i].email : null, ip: rng.chance(0.6) ? randomIp() : null, address: randomAddress(),
        lines: pickSkus(), matchesOpenOrder: false,
      }));
    }

    // Shared keys: a courier desk/office (half known desk customers, half new people) or one of
    // the phones behind thousands of orders (with a new name and address each time).
    const heavy = (await c.query<{ id: string; name: string; e164: string }>(
      `SELECT id, name, phone_e164 AS e164 FROM customers WHERE store_id = $1 ORDER BY order_count DESC LIMIT 2`, [storeId])).rows;
    for (let i = 0; i < nShared; i++) {
      const phone = fresh.phones[nNew + i];
      if (i % 2 === 0 || !heavy.length) {
        const desk = SHARED[SHARED_OF[rng.int(1000)]];
        const known = rng.chance(0.5)
          ? (await c.query<Row>(customerSql(
            `SELECT customer_id FROM customer_addresses WHERE store_id = $1 AND address_key = $2 ORDER BY random() LIMIT 1`), [storeId, desk.key])).rows[0]
          : undefined;
        out.push(known ? { ...returning({ ...known, address: desk.address, address_key: desk.key }, 'shared_address') } : finish({
          kind: 'shared_address', customerId: null, name: fresh.people[nNew + i].name, phone: { raw: spell(phone), e164: phone, valid: true, type: 'mobile' },
          email: null, ip: rng.chance(0.5) ? randomIp() : null, address: desk.address, lines: pickSkus(), matchesOpenOrder: false,
        }));
      } else {
        const h = heavy[rng.int(heavy.length)];
        out.push(finish({
          kind: 'shared_phone', customerId: h.id, name: randomName(), phone: { raw: spell(h.e164), e164: h.e164, valid: true, type: 'mobile' },
          email: null, ip: rng.chance(0.5) ? randomIp() : null, address: randomAddress(), lines: pickSkus(), matchesOpenOrder: false,
        }));
      }
    }
    // Shuffle.
    for (let i = out.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out.slice(0, n);
  } finally {
    await c.end();
  }
}

// --- CLI -----------------------------------------------------------------------------------

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const url = arg('url') ?? HISTORY_URL;
  if (args.includes('--help')) {
    console.log('usage: node --import tsx bench/seed-history.ts [--orders 10000000] [--url postgres://…/wasl_bench_*] [--force] [--sizes] [--sample N]');
    process.exit(0);
  }
  if (!args.includes('--sizes') && !arg('sample')) {
    const started = performance.now();
    const r = await seedHistory(url, { orders: Number(arg('orders') ?? 10_000_000), force: args.includes('--force') });
    if (!r.skipped) console.log(`seed-history: phases ${Object.entries(r.seconds).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join('; ')}`);
    console.log(`seed-history: ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  }
  if (!arg('sample')) await printSizes(url);
  if (arg('sample')) {
    const subjects = await sampleSubjects(url, Number(arg('sample')));
    console.log(JSON.stringify(subjects, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
  }
}
