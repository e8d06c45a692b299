import { fromMinor } from '../../platform/money.ts';
import { SIGNALS, type AreaRate, type Duplicate, type PastOutcome, type Signal, type Velocity } from './signals.ts';

/**
 * The risk of an order at intake, from what is known about it: the phone as written, how the
 * customer's earlier orders ended, and the store's block and allow lists. An explicit list of
 * weighted signals; each one that fires is a reason an agent can read aloud, in Arabic and
 * English (`message` is in the store's language). Weights and thresholds are store settings
 * (`risk.weights`, `risk.hold_at`, `risk.prepayment_at`, `risk.velocity`, `risk.area`,
 * `risk.unusual_factor`). A pure function: the same facts always give the same assessment,
 * which is what makes re-running it idempotent.
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

export type { PastOutcome } from './signals.ts';
export { SIGNAL_CODES, type Signal } from './signals.ts';

export type Recommendation = 'auto_confirm' | 'verify' | 'require_prepayment' | 'hold' | 'block';

export interface RiskAssessment {
  level: 'low' | 'medium' | 'high' | 'blocked';
  score: number;
  recommendation: Recommendation;
  reasons: RiskReason[];
}

export interface IntakeFacts {
  phoneValid: boolean;
  phoneType: string | null;
  /** How the customer's earlier orders ended (delivered = delivered and paid), by any linked key. */
  history?: Partial<Record<'delivered' | 'refused' | 'returned' | 'ghost' | 'cancelled' | 'open', PastOutcome>>;
  /** No earlier order at all from this person. */
  firstOrder?: boolean;
  /** Entries of the store's lists that name this order. */
  lists?: { blocked: { type: string; reason: string }[]; allowed: { type: string; reason: string }[] };
  /** How many delivered-and-paid orders make a good customer, confirmed at once (0: never). */
  autoConfirmAfter: number;
  /** The email's domain when it is a throwaway one. */
  disposableDomain?: string | null;
  /** The address says too little to find (and links nobody). */
  addressIncomplete?: boolean;
  /** Other orders by each key within the window. */
  velocity?: Velocity;
  /** This person's other open orders with some of the same SKUs. */
  duplicates?: Duplicate[];
  /** The order against the store's usual (95th percentiles), when the store has enough orders. */
  size?: { totalMinor: bigint; units: number; currency: string; baseline: { total_p95_minor: number; quantity_p95: number } | null };
  /** The delivery area's settled parcels, narrowest first (district, city, region). */
  areas?: AreaRate[];
}

export interface RiskSettings {
  weights?: Record<string, number>;
  hold_at?: number;
  prepayment_at?: number;
  velocity?: { window_hours?: number; max_orders?: number } | null;
  area?: { min_orders?: number; refusal_rate?: number } | null;
  unusual_factor?: number;
}

/** Defaults of the thresholds a store can change. */
export const RISK_DEFAULTS = {
  hold_at: 70,
  prepayment_at: 45,
  velocity: { window_hours: 24, max_orders: 3 },
  area: { min_orders: 20, refusal_rate: 0.3 },
  unusual_factor: 2,
};

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
  if (facts.disposableDomain) add('disposable_email', { domain: facts.disposableDomain });
  if (facts.addressIncomplete) add('address_incomplete');
  const h = facts.history ?? {};
  for (const [outcome, code] of [['refused', 'earlier_refused'], ['returned', 'earlier_returned'], ['ghost', 'earlier_ghost']] as const) {
    const past = h[outcome];
    if (past?.n) add(code, past, Math.min(past.n, MAX_COUNTED));
  }
  velocitySignal(facts.velocity, settings, add);
  // One reason per earlier open order (two at most): each names its number for the agent.
  for (const d of (facts.duplicates ?? []).slice(0, MAX_COUNTED)) add('duplicate_open_order', d);
  sizeSignals(facts.size, settings, add);
  const area = riskyArea(facts.areas ?? [], settings);
  if (area) add('area_refusals', area);
  const delivered = h.delivered?.n ?? 0;
  if (facts.firstOrder) add('first_order');
  const blocked = facts.lists?.blocked ?? [];
  const allowed = facts.lists?.allowed ?? [];
  for (const entry of blocked) add('blocklisted', entry);

  const risky = reasons.reduce((sum, r) => sum + Math.max(r.weight, 0), 0);
  const good = facts.autoConfirmAfter > 0 && delivered >= facts.autoConfirmAfter && !blocked.length && risky < 30;
  if (good) add('good_customer', h.delivered);
  // Vouching only for a clean record: deliveries do not discount earlier refusals.
  else if (delivered > 0 && !reasons.some((r) => r.code.startsWith('earlier_'))) add('returning_customer', h.delivered);
  if (!blocked.length) for (const entry of allowed) add('allowlisted', entry);

  const score = Math.max(0, Math.min(100, reasons.reduce((sum, r) => sum + r.weight, 0)));
  const level = blocked.length ? 'blocked' : score >= 60 ? 'high' : score >= 30 ? 'medium' : 'low';
  let recommendation: Recommendation = 'verify';
  if (blocked.length) recommendation = 'block';
  else if (allowed.length || good) recommendation = 'auto_confirm';
  else if (score >= (settings.hold_at ?? RISK_DEFAULTS.hold_at)) recommendation = 'hold';
  else if (score >= (settings.prepayment_at ?? RISK_DEFAULTS.prepayment_at)) recommendation = 'require_prepayment';
  return { level, score, recommendation, reasons };
}

type Add = <S extends Signal>(code: S, evidence?: Parameters<(typeof SIGNALS)[S]['en']>[0], times?: number) => void;

/** A burst: at least `max_orders` other orders by one key in the window (each key that is over is named). */
function velocitySignal(v: Velocity | undefined, settings: RiskSettings, add: Add) {
  if (!v) return;
  const max = settings.velocity?.max_orders ?? RISK_DEFAULTS.velocity.max_orders;
  const over = (['phone', 'email', 'ip', 'address'] as const).filter((k) => v[k] >= max);
  if (over.length) add('velocity', { ...v, over });
}

/** Far above the store's usual: `unusual_factor` times its 95th percentile of totals or of items. */
function sizeSignals(size: IntakeFacts['size'], settings: RiskSettings, add: Add) {
  if (!size?.baseline) return;
  const factor = settings.unusual_factor ?? RISK_DEFAULTS.unusual_factor;
  const { total_p95_minor: p95, quantity_p95: q95 } = size.baseline;
  if (p95 > 0 && Number(size.totalMinor) > factor * p95) {
    add('unusual_value', { total: fromMinor(size.totalMinor, size.currency), usual: fromMinor(p95, size.currency), currency: size.currency });
  }
  // A couple of extra items is never unusual, however small the store's orders are.
  if (q95 > 0 && size.units > Math.max(factor * q95, q95 + 2)) add('unusual_quantity', { units: size.units, usual: q95 });
}

/** The narrowest area with enough settled parcels to judge; a signal when its refusal rate is high. */
export function riskyArea(areas: AreaRate[], settings: RiskSettings): AreaRate | null {
  const min = settings.area?.min_orders ?? RISK_DEFAULTS.area.min_orders;
  const rate = settings.area?.refusal_rate ?? RISK_DEFAULTS.area.refusal_rate;
  const judged = areas.find((a) => a.settled >= min);
  return judged && judged.refused / judged.settled >= rate ? judged : null;
}
