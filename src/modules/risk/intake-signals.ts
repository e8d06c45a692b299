/**
 * The risk signals intake can see on the order alone (the phone as written). Customer
 * analysis against history (issue: customer analysis) adds its own signals to this list.
 * Every reason reads aloud in Arabic and English; `message` is in the store's language.
 */
export interface RiskReason {
  code: string;
  message: string;
  message_ar: string;
  message_en: string;
  weight: number;
}

export interface RiskAssessment {
  level: 'low' | 'medium' | 'high' | 'blocked';
  score: number;
  recommendation: 'auto_confirm' | 'verify' | 'require_prepayment' | 'hold' | 'block';
  reasons: RiskReason[];
}

const REASONS = {
  phone_invalid: {
    weight: 40,
    en: 'The phone number is not a valid number, so the customer may not be reachable.',
    ar: 'رقم الجوال غير صحيح، وقد لا نتمكن من الوصول إلى العميل.',
  },
  phone_landline: {
    weight: 15,
    en: 'The phone number is a landline: text messages will not reach it.',
    ar: 'رقم الهاتف أرضي، ولن تصله الرسائل النصية.',
  },
  good_customer: {
    weight: 0,
    en: 'A returning customer whose earlier orders were delivered and paid.',
    ar: 'عميل سابق استلم طلباته السابقة ودفع قيمتها.',
  },
} as const;

export type IntakeSignal = keyof typeof REASONS;

function reason(code: IntakeSignal, locale: string): RiskReason {
  const r = REASONS[code];
  return { code, message: locale === 'ar' ? r.ar : r.en, message_ar: r.ar, message_en: r.en, weight: r.weight };
}

export interface IntakeFacts {
  phoneValid: boolean;
  phoneType: string | null;
  /** Earlier orders of this customer that were delivered and paid. */
  deliveredPaid: number;
  /** How many of those make a good customer whose orders need no confirmation (0: never). */
  autoConfirmAfter: number;
}

/**
 * Until customer analysis weighs the whole history, a good returning customer (the store's
 * number of delivered-and-paid orders, 2 by default) with nothing against them is confirmed
 * at once (seeds/003: good customers are not put through the cascade).
 */
export function assessIntake(facts: IntakeFacts, locale: string): RiskAssessment {
  const reasons: RiskReason[] = [];
  if (!facts.phoneValid) reasons.push(reason('phone_invalid', locale));
  else if (facts.phoneType === 'fixed_line') reasons.push(reason('phone_landline', locale));
  const score = Math.min(100, reasons.reduce((s, r) => s + r.weight, 0));
  const level = score >= 60 ? 'high' : score >= 30 ? 'medium' : 'low';
  const good = facts.autoConfirmAfter > 0 && facts.deliveredPaid >= facts.autoConfirmAfter && level === 'low';
  if (good) reasons.push(reason('good_customer', locale));
  return { level, score, recommendation: good ? 'auto_confirm' : 'verify', reasons };
}
