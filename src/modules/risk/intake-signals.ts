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
} as const;

export type IntakeSignal = keyof typeof REASONS;

function reason(code: IntakeSignal, locale: string): RiskReason {
  const r = REASONS[code];
  return { code, message: locale === 'ar' ? r.ar : r.en, message_ar: r.ar, message_en: r.en, weight: r.weight };
}

export function assessIntake(facts: { phoneValid: boolean; phoneType: string | null }, locale: string): RiskAssessment {
  const reasons: RiskReason[] = [];
  if (!facts.phoneValid) reasons.push(reason('phone_invalid', locale));
  else if (facts.phoneType === 'fixed_line') reasons.push(reason('phone_landline', locale));
  const score = Math.min(100, reasons.reduce((s, r) => s + r.weight, 0));
  const level = score >= 60 ? 'high' : score >= 30 ? 'medium' : 'low';
  return { level, score, recommendation: 'verify', reasons };
}
