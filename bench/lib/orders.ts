// Realistic orders for a Saudi store that also ships to Egypt: Arabic names and addresses,
// phones in the spellings customers and storefronts really send, repeat customers, COD mostly.
// Shared by the HTTP intake benchmarks (JS) and, as data, by the SQL seed generator.

export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

/** 50 SKUs with SAR prices in minor units (halalas). */
export const PRODUCTS: readonly { sku: string; name: string; priceMinor: number }[] = (() => {
  const kinds = [
    ['ABY', 'عباية سوداء كلاسيك', 24900], ['ABY', 'عباية مطرزة', 38900], ['SHM', 'شماغ أحمر', 8900], ['THB', 'ثوب رجالي صيفي', 15900],
    ['OUD', 'دهن عود كمبودي ٣ مل', 29900], ['BKH', 'بخور معطر', 4500], ['MSK', 'مسك أبيض', 3900], ['PRF', 'عطر ورد طائفي', 19900],
    ['DAT', 'تمر سكري ١ كجم', 5500], ['COF', 'قهوة عربية شقراء', 4200], ['TEA', 'شاي أحمر فاخر', 2900], ['HNY', 'عسل سدر', 22000],
    ['PHC', 'غطاء جوال شفاف', 3500], ['CHG', 'شاحن سريع ٢٠ واط', 6900], ['EAR', 'سماعات لاسلكية', 14900], ['PWB', 'باور بانك ١٠٠٠٠', 9900],
    ['SKN', 'كريم مرطب', 5900], ['HAR', 'زيت شعر بالأرغان', 4900], ['MKP', 'أحمر شفاه', 6500], ['PER', 'مجموعة عناية', 11900],
    ['KID', 'فستان أطفال', 7900], ['TOY', 'لعبة تعليمية', 8500], ['SHO', 'حذاء رياضي', 21900], ['BAG', 'حقيبة يد', 17900],
    ['WAT', 'ساعة يد', 25900],
  ] as const;
  const out: { sku: string; name: string; priceMinor: number }[] = [];
  for (let i = 0; i < 50; i++) {
    const [code, name, price] = kinds[i % kinds.length];
    const variant = Math.floor(i / kinds.length) + 1;
    out.push({ sku: `${code}-${String(100 + i)}`, name: variant > 1 ? `${name} - مقاس ${variant === 2 ? 'كبير' : 'صغير'}` : name, priceMinor: price + (variant - 1) * 1000 });
  }
  return out;
})();

export const FIRST_NAMES = ['محمد', 'أحمد', 'عبدالله', 'فهد', 'خالد', 'سلطان', 'فيصل', 'عبدالرحمن', 'ناصر', 'تركي', 'يوسف', 'عمر', 'مصطفى', 'محمود', 'إبراهيم',
  'سارة', 'نورة', 'فاطمة', 'ريم', 'هيا', 'منيرة', 'لطيفة', 'مريم', 'أمل', 'هند', 'دعاء', 'آية', 'منى', 'شيماء', 'ياسمين'] as const;
export const FAMILY_NAMES = ['العتيبي', 'القحطاني', 'الشمري', 'الدوسري', 'الغامدي', 'الزهراني', 'الحربي', 'المطيري', 'السبيعي', 'العنزي', 'الشهري', 'البقمي',
  'عبدالعزيز', 'حسن', 'السيد', 'عبدالفتاح', 'منصور', 'الشريف', 'سليمان', 'النجار'] as const;

interface Place {
  city: string;
  districts: readonly string[];
}

export const SA_PLACES: readonly Place[] = [
  { city: 'الرياض', districts: ['حي العليا', 'حي النرجس', 'حي الملقا', 'حي السليمانية', 'حي الياسمين', 'حي الروضة'] },
  { city: 'جدة', districts: ['حي الروضة', 'حي الصفا', 'حي الحمراء', 'حي السلامة', 'حي البوادي'] },
  { city: 'مكة المكرمة', districts: ['حي العزيزية', 'حي الشوقية', 'حي النسيم'] },
  { city: 'الدمام', districts: ['حي الفيصلية', 'حي الشاطئ', 'حي النور'] },
  { city: 'المدينة المنورة', districts: ['حي قباء', 'حي العوالي'] },
  { city: 'أبها', districts: ['حي المنسك', 'حي الخالدية'] },
];
export const EG_PLACES: readonly Place[] = [
  { city: 'القاهرة', districts: ['مدينة نصر', 'المعادي', 'مصر الجديدة', 'شبرا'] },
  { city: 'الجيزة', districts: ['الدقي', 'المهندسين', 'الهرم', 'فيصل'] },
  { city: 'الإسكندرية', districts: ['سموحة', 'سيدي جابر', 'العجمي'] },
  { city: 'المنصورة', districts: ['حي الجامعة', 'توريل'] },
];
export const SA_STREETS = ['شارع الملك فهد', 'شارع التحلية', 'طريق الملك عبدالعزيز', 'شارع الأمير سلطان', 'شارع الستين', 'شارع الأمير محمد بن عبدالعزيز'] as const;
export const EG_STREETS = ['ش. التحرير', 'شارع عباس العقاد', 'شارع الهرم', 'شارع جامعة الدول العربية', 'شارع فلسطين', 'ش. مصطفى النحاس'] as const;
export const NOTES = ['الرجاء الاتصال قبل التوصيل', 'التوصيل بعد العصر', 'البيت بجانب المسجد', 'اترك الطلب عند البواب'] as const;

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
export const toArabicIndic = (s: string) => s.replace(/\d/g, (d) => ARABIC_INDIC[Number(d)]);

/** Valid mobile prefixes: SA 5x (x ≠ 2, 7 kept simple), EG 10/11/12/15. */
const SA_SECOND = ['0', '3', '4', '5', '6', '8', '9'] as const;
const EG_SECOND = ['0', '1', '2', '5'] as const;

export interface Customer {
  country: 'SA' | 'EG';
  /** National significant number: SA 9 digits (5…), EG 10 digits (1…). */
  national: string;
  name: string;
  email: string | null;
  city: string;
  district: string;
  street: string;
  building: number;
}

export const e164 = (c: Pick<Customer, 'country' | 'national'>) => (c.country === 'SA' ? `+966${c.national}` : `+20${c.national}`);

/** The many ways one number arrives: local, international, 00, no plus, spaced, Arabic-Indic, bidi marks. */
export function phoneSpelling(c: Pick<Customer, 'country' | 'national'>, variant: number): string {
  const n = c.national;
  const cc = c.country === 'SA' ? '966' : '20';
  const local = `0${n}`;
  switch (variant % 8) {
    case 0: return local;
    case 1: return `+${cc}${n}`;
    case 2: return `00${cc}${n}`;
    case 3: return `${cc}${n}`;
    case 4: return c.country === 'SA' ? `${local.slice(0, 3)} ${local.slice(3, 6)} ${local.slice(6)}` : `${local.slice(0, 3)} ${local.slice(3, 7)} ${local.slice(7)}`;
    case 5: return toArabicIndic(local);
    case 6: return `\u200e+${cc} ${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5)}`;
    default: return toArabicIndic(`+${cc}${n}`);
  }
}

export function newCustomer(rng: Rng, serial: number): Customer {
  const country = rng.chance(0.7) ? 'SA' : 'EG';
  // Serial scrambled by a bijection so numbers look random and never repeat.
  const body = country === 'SA'
    ? `5${rng.pick(SA_SECOND)}${String((serial * 7919 + 12345) % 10_000_000).padStart(7, '0')}`
    : `1${rng.pick(EG_SECOND)}${String((serial * 7919 + 12345) % 100_000_000).padStart(8, '0')}`;
  const places = country === 'SA' ? SA_PLACES : EG_PLACES;
  const place = rng.pick(places);
  return {
    country,
    national: body,
    name: `${rng.pick(FIRST_NAMES)} ${rng.pick(FAMILY_NAMES)}`,
    email: rng.chance(0.4) ? `c${serial}.${rng.int(1000)}@${rng.pick(['gmail.com', 'hotmail.com', 'outlook.sa', 'yahoo.com'])}` : null,
    city: place.city,
    district: rng.pick(place.districts),
    street: rng.pick(country === 'SA' ? SA_STREETS : EG_STREETS),
    building: 1 + rng.int(120),
  };
}

const money = (minor: number) => (minor / 100).toFixed(2);

/**
 * A stream of order bodies for `POST /v1/orders`: ~30% from returning customers (spelling their
 * phone another way), 1–3 lines from the 50 SKUs, COD ~85%.
 */
export function orderStream(seed: number, runTag: string) {
  const rng = prng(seed);
  const customers: Customer[] = [];
  let serial = 0;
  let n = 0;
  return function nextOrder() {
    n++;
    const repeat = customers.length > 20 && rng.chance(0.3);
    const c = repeat ? rng.pick(customers) : newCustomer(rng, seed * 1000 + ++serial);
    if (!repeat) customers.push(c);
    const lineCount = rng.chance(0.6) ? 1 : rng.chance(0.75) ? 2 : 3;
    const start = rng.int(PRODUCTS.length);
    const fx = c.country === 'SA' ? 1 : 13; // EGP prices
    const lines = Array.from({ length: lineCount }, (_, i) => {
      const p = PRODUCTS[(start + i * 7) % PRODUCTS.length];
      return { sku: p.sku, quantity: rng.chance(0.85) ? 1 : 2, unit_price: money(p.priceMinor * fx), name: p.name };
    });
    const subtotal = lines.reduce((s, l) => s + Math.round(Number(l.unit_price) * 100) * l.quantity, 0);
    const shipping = c.country === 'SA' ? (subtotal >= 30000 ? 0 : 2500) : 6000;
    const online = rng.chance(0.15);
    return {
      external_id: `${runTag}-${n}`,
      currency: c.country === 'SA' ? 'SAR' : 'EGP',
      customer: { name: c.name, phone: phoneSpelling(c, rng.int(8)), ...(c.email ? { email: c.email } : {}) },
      shipping_address: {
        name: c.name,
        line1: `${c.street} ${toArabicIndic(String(c.building))}`,
        district: c.district,
        city: c.city,
        country: c.country,
      },
      lines,
      shipping_total: money(shipping),
      total: money(subtotal + shipping),
      payment: online ? { method: 'online' as const, status: 'paid' as const } : { method: 'cod' as const },
      ...(rng.chance(0.3) ? { delivery: { option: 'standard' } } : {}),
      ...(rng.chance(0.15) ? { note: rng.pick(NOTES) } : {}),
      client: { ip: `10.${rng.int(255)}.${rng.int(255)}.${1 + rng.int(254)}`, user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)' },
    };
  };
}
