/**
 * The risk of an order at intake, from what is known about it: the phone as written, how the
 * customer's earlier orders ended, and the store's block and allow lists. An explicit list of
 * weighted signals; each one that fires is a reason an agent can read aloud, in Arabic and
 * English (`message` is in the store's language). Weights and thresholds are store settings
 * (`risk.weights`, `risk.hold_at`, `risk.prepayment_at`).
 */
export interface RiskReason {
  code: string;
  message: string;
  message_ar: string;
  message_en: string;
  weight: number;
  /** The history behind the reason: how many orders, the newest one and when. */
  evidence?: Record<string, unknown>;
}

export type Recommendation = 'auto_confirm' | 'verify' | 'require_prepayment' | 'hold' | 'block';

export interface RiskAssessment {
  level: 'low' | 'medium' | 'high' | 'blocked';
  score: number;
  recommendation: Recommendation;
  reasons: RiskReason[];
}

export interface PastOutcome {
  n: number;
  last_number: number;
  last_at: Date;
}

export interface IntakeFacts {
  phoneValid: boolean;
  phoneType: string | null;
  /** How the customer's earlier orders ended (delivered = delivered and paid). */
  history?: Partial<Record<'delivered' | 'refused' | 'returned' | 'ghost' | 'cancelled' | 'open', PastOutcome>>;
  /** Entries of the store's lists that name this order. */
  lists?: { blocked: { type: string; reason: string }[]; allowed: { type: string; reason: string }[] };
  /** How many delivered-and-paid orders make a good customer, confirmed at once (0: never). */
  autoConfirmAfter: number;
}

export interface RiskSettings {
  weights?: Record<string, number>;
  hold_at?: number;
  prepayment_at?: number;
}

const day = (d: Date) => new Date(d).toISOString().slice(0, 10);
const TYPE_AR: Record<string, string> = { phone: 'رقم الجوال', email: 'البريد الإلكتروني', ip: 'عنوان IP', address: 'العنوان' };

/** Each signal: its default weight, and its sentence in both languages given the evidence. */
const SIGNALS = {
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
  earlier_refused: {
    weight: 35,
    en: (e: PastOutcome) => `Refused ${e.n} earlier ${e.n === 1 ? 'order' : 'orders'} at the door (the last: order ${e.last_number} on ${day(e.last_at)}).`,
    ar: (e: PastOutcome) => `رفض استلام ${e.n === 1 ? 'طلب سابق' : `${e.n} طلبات سابقة`} عند الباب (آخرها الطلب ${e.last_number} بتاريخ ${day(e.last_at)}).`,
  },
  earlier_returned: {
    weight: 15,
    en: (e: PastOutcome) => `Returned ${e.n} earlier ${e.n === 1 ? 'order' : 'orders'} (the last: order ${e.last_number} on ${day(e.last_at)}).`,
    ar: (e: PastOutcome) => `أرجع ${e.n === 1 ? 'طلبًا سابقًا' : `${e.n} طلبات سابقة`} (آخرها الطلب ${e.last_number} بتاريخ ${day(e.last_at)}).`,
  },
  earlier_ghost: {
    weight: 50,
    en: (e: PastOutcome) => `Could not be reached for ${e.n} earlier ${e.n === 1 ? 'order' : 'orders'}, cancelled as ghost (the last: order ${e.last_number} on ${day(e.last_at)}).`,
    ar: (e: PastOutcome) => `تعذّر الوصول إليه في ${e.n === 1 ? 'طلب سابق' : `${e.n} طلبات سابقة`} أُلغيت كطلبات وهمية (آخرها الطلب ${e.last_number} بتاريخ ${day(e.last_at)}).`,
  },
  good_customer: {
    weight: 0,
    en: (e: PastOutcome) => `A returning customer: ${e.n} earlier orders delivered and paid.`,
    ar: (e: PastOutcome) => `عميل سابق استلم ${e.n} من طلباته السابقة ودفع قيمتها.`,
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

/** Earlier refusals, returns and ghosts count up to this many each: two refusals say enough. */
const MAX_COUNTED = 2;

export function assessIntake(facts: IntakeFacts, locale: string, settings: RiskSettings = {}): RiskAssessment {
  const reasons: RiskReason[] = [];
  const add = <S extends Signal>(code: S, evidence?: Parameters<(typeof SIGNALS)[S]['en']>[0], times = 1) => {
    const s = SIGNALS[code];
    const en = (s.en as (e: unknown) => string)(evidence);
    const ar = (s.ar as (e: unknown) => string)(evidence);
    const weight = (settings.weights?.[code] ?? s.weight) * times;
    reasons.push({ code, message: locale === 'ar' ? ar : en, message_ar: ar, message_en: en, weight, ...(evidence ? { evidence: evidence as Record<string, unknown> } : {}) });
  };
  if (!facts.phoneValid) add('phone_invalid');
  else if (facts.phoneType === 'fixed_line') add('phone_landline');
  const h = facts.history ?? {};
  for (const [outcome, code] of [['refused', 'earlier_refused'], ['returned', 'earlier_returned'], ['ghost', 'earlier_ghost']] as const) {
    const past = h[outcome];
    if (past?.n) add(code, past, Math.min(past.n, MAX_COUNTED));
  }
  const blocked = facts.lists?.blocked ?? [];
  const allowed = facts.lists?.allowed ?? [];
  for (const entry of blocked) add('blocklisted', entry);

  const score = Math.min(100, reasons.reduce((sum, r) => sum + r.weight, 0));
  const level = blocked.length ? 'blocked' : score >= 60 ? 'high' : score >= 30 ? 'medium' : 'low';
  const delivered = h.delivered?.n ?? 0;
  const good = facts.autoConfirmAfter > 0 && delivered >= facts.autoConfirmAfter && level === 'low';
  if (good) add('good_customer', h.delivered);
  if (!blocked.length) for (const entry of allowed) add('allowlisted', entry);

  let recommendation: Recommendation = 'verify';
  if (blocked.length) recommendation = 'block';
  else if (allowed.length || good) recommendation = 'auto_confirm';
  else if (score >= (settings.hold_at ?? 70)) recommendation = 'hold';
  else if (score >= (settings.prepayment_at ?? 45)) recommendation = 'require_prepayment';
  return { level, score, recommendation, reasons };
}
