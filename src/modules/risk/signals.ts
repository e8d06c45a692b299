/**
 * Every risk signal: its default weight and the sentence an agent reads aloud, in Arabic and
 * English, given the evidence. A negative weight vouches for the customer. The store can
 * replace any weight (`risk.weights`).
 */
export interface PastOutcome {
  n: number;
  last_number: number;
  last_at: Date;
  /** The newest such orders' numbers (up to 5), for the profile to show. */
  orders?: number[];
  /** Which of this order's keys the earlier orders share: phone, email, address. */
  via?: string[];
}

export interface Velocity {
  phone: number;
  email: number;
  ip: number;
  address: number;
  window_hours: number;
}

export interface Duplicate {
  number: number;
  placed_at: Date;
  skus: string[];
}

export interface AreaRate {
  name: string;
  settled: number;
  refused: number;
}

// Dates an agent can read aloud: "15 Jan 2026", "15 يناير 2026" (Latin digits, as the rest of
// the sentence; the app shows them in the reader's digits).
const EN_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const AR_DAY = new Intl.DateTimeFormat('ar-u-nu-latn', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const day = (d: Date) => EN_DAY.format(new Date(d));
const dayAr = (d: Date) => AR_DAY.format(new Date(d));
const pct = (a: number, b: number) => Math.round((100 * a) / b);
const TYPE_AR: Record<string, string> = { phone: 'رقم الجوال', email: 'البريد الإلكتروني', ip: 'عنوان IP', address: 'العنوان' };
const VIA_EN: Record<string, string> = { phone: 'phone', email: 'email', address: 'address' };
const VIA_AR: Record<string, string> = { phone: 'رقم الجوال', email: 'البريد الإلكتروني', address: 'العنوان' };

// "(same phone and address)": how the earlier orders were found, so an agent can check it.
const viaEn = (e: PastOutcome) => (e.via?.length ? ` Same ${e.via.map((v) => VIA_EN[v]).join(' and ')}.` : ' Through a linked customer.');
const viaAr = (e: PastOutcome) => (e.via?.length ? ` بنفس ${e.via.map((v) => VIA_AR[v]).join(' و')}.` : ' عن طريق عميل مرتبط.');

const VELOCITY_EN: Record<string, string> = { phone: 'from this phone', email: 'from this email', ip: 'from this IP address', address: 'to this address' };
const VELOCITY_AR: Record<string, string> = { phone: 'من هذا الرقم', email: 'من هذا البريد', ip: 'من عنوان IP نفسه', address: 'إلى هذا العنوان' };
const bursts = (v: Velocity & { over?: string[] }) => (v.over ?? []).map((k) => [k, v[k as keyof Velocity] as number] as const);

export const SIGNALS = {
  phone_invalid: {
    weight: 40,
    en: () => 'The phone number is not a valid number, so the customer may not be reachable.',
    ar: () => 'رقم الجوال غير صحيح، وقد لا نتمكن من الوصول إلى العميل.',
  },
  phone_landline: {
    weight: 15,
    en: () => 'The phone number is a landline: text messages will not reach it.',
    ar: () => 'رقم الهاتف أرضي، ولن تصله الرسائل النصية.',
  },
  disposable_email: {
    weight: 25,
    en: (e: { domain: string }) => `The email address is a throwaway one (${e.domain}): it will not reach the customer later.`,
    ar: (e: { domain: string }) => `البريد الإلكتروني مؤقت (${e.domain})، ولن يصل إلى العميل لاحقًا.`,
  },
  address_incomplete: {
    weight: 10,
    en: () => 'The address is too short to find: the courier will have to call for directions.',
    ar: () => 'العنوان مختصر جدًا، وسيحتاج المندوب إلى الاتصال بالعميل لمعرفة الطريق.',
  },
  earlier_refused: {
    weight: 35,
    en: (e: PastOutcome) => `Refused ${e.n} earlier ${e.n === 1 ? 'order' : 'orders'} at the door (the last: order ${e.last_number} on ${day(e.last_at)}).${viaEn(e)}`,
    ar: (e: PastOutcome) => `رفض استلام ${e.n === 1 ? 'طلب سابق' : `${e.n} طلبات سابقة`} عند الباب (آخرها الطلب ${e.last_number} بتاريخ ${dayAr(e.last_at)}).${viaAr(e)}`,
  },
  earlier_returned: {
    weight: 15,
    en: (e: PastOutcome) => `Returned ${e.n} earlier ${e.n === 1 ? 'order' : 'orders'} (the last: order ${e.last_number} on ${day(e.last_at)}).${viaEn(e)}`,
    ar: (e: PastOutcome) => `أرجع ${e.n === 1 ? 'طلبًا سابقًا' : `${e.n} طلبات سابقة`} (آخرها الطلب ${e.last_number} بتاريخ ${dayAr(e.last_at)}).${viaAr(e)}`,
  },
  earlier_ghost: {
    weight: 50,
    en: (e: PastOutcome) => `Could not be reached for ${e.n} earlier ${e.n === 1 ? 'order' : 'orders'}, cancelled as ghost (the last: order ${e.last_number} on ${day(e.last_at)}).${viaEn(e)}`,
    ar: (e: PastOutcome) => `تعذّر الوصول إليه في ${e.n === 1 ? 'طلب سابق' : `${e.n} طلبات سابقة`} أُلغيت كطلبات وهمية (آخرها الطلب ${e.last_number} بتاريخ ${dayAr(e.last_at)}).${viaAr(e)}`,
  },
  velocity: {
    weight: 20,
    en: (v: Velocity & { over?: string[] }) => `Many orders in a short time: ${bursts(v).map(([k, n]) => `${n} ${VELOCITY_EN[k]}`).join(', ')} in the last ${v.window_hours} hours.`,
    ar: (v: Velocity & { over?: string[] }) => `طلبات كثيرة في وقت قصير: ${bursts(v).map(([k, n]) => `${n} ${VELOCITY_AR[k]}`).join('، ')} خلال آخر ${v.window_hours} ساعة.`,
  },
  duplicate_open_order: {
    weight: 20,
    en: (d: Duplicate) => `The same ${d.skus.length === 1 ? 'product' : 'products'} (${d.skus.join(', ')}) ${d.skus.length === 1 ? 'is' : 'are'} already on open order ${d.number} of this customer (placed ${day(d.placed_at)}).`,
    ar: (d: Duplicate) => `المنتج نفسه (${d.skus.join('، ')}) موجود في طلب مفتوح آخر لهذا العميل: الطلب ${d.number} بتاريخ ${dayAr(d.placed_at)}.`,
  },
  unusual_value: {
    weight: 15,
    en: (e: { total: string; usual: string; currency: string }) => `The order total (${e.total} ${e.currency}) is far above the store's usual: 95% of orders are ${e.usual} ${e.currency} or less.`,
    ar: (e: { total: string; usual: string; currency: string }) => `قيمة الطلب (${e.total} ${e.currency}) أعلى بكثير من المعتاد في المتجر: 95٪ من الطلبات ${e.usual} ${e.currency} أو أقل.`,
  },
  unusual_quantity: {
    weight: 15,
    en: (e: { units: number; usual: number }) => `${e.units} items in one order, far above the store's usual: 95% of orders have ${e.usual} or fewer.`,
    ar: (e: { units: number; usual: number }) => `${e.units} قطعة في طلب واحد، أكثر بكثير من المعتاد في المتجر: 95٪ من الطلبات فيها ${e.usual} أو أقل.`,
  },
  area_refusals: {
    weight: 15,
    en: (a: AreaRate) => `Parcels to ${a.name} are often refused: ${a.refused} of ${a.settled} (${pct(a.refused, a.settled)}%).`,
    ar: (a: AreaRate) => `كثيرًا ما تُرفض الشحنات إلى ${a.name}: ${a.refused} من ${a.settled} (${pct(a.refused, a.settled)}٪).`,
  },
  first_order: {
    weight: 10,
    en: () => 'First order from this customer: there is no history to go by.',
    ar: () => 'أول طلب لهذا العميل، ولا يوجد سجل سابق يُعتمد عليه.',
  },
  returning_customer: {
    weight: -15,
    en: (e: PastOutcome) => `A returning customer: ${e.n} earlier ${e.n === 1 ? 'order' : 'orders'} delivered and paid.`,
    ar: (e: PastOutcome) => `عميل سابق: ${e.n === 1 ? 'طلب سابق استلمه' : `${e.n} طلبات سابقة استلمها`} ودفع قيمتها.`,
  },
  good_customer: {
    weight: 0,
    en: (e: PastOutcome) => `A good customer: ${e.n} earlier orders delivered and paid.`,
    ar: (e: PastOutcome) => `عميل جيد استلم ${e.n} من طلباته السابقة ودفع قيمتها.`,
  },
  blocklisted: {
    weight: 100,
    en: (e: { type: string; reason: string }) => `The ${e.type} is on the store's blocklist: ${e.reason}`,
    ar: (e: { type: string; reason: string }) => `${TYPE_AR[e.type] ?? e.type} في قائمة الحظر: ${e.reason}`,
  },
  allowlisted: {
    weight: 0,
    en: (e: { type: string; reason: string }) => `The ${e.type} is on the store's allowlist: ${e.reason}`,
    ar: (e: { type: string; reason: string }) => `${TYPE_AR[e.type] ?? e.type} في قائمة العملاء الموثوقين: ${e.reason}`,
  },
} as const;

export type Signal = keyof typeof SIGNALS;
export const SIGNAL_CODES = Object.keys(SIGNALS) as Signal[];
