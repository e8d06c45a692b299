/*
 * wasl's own customer-analysis values, shown for what a store has not set. They are the
 * server's (src/modules/risk/signals.ts, intake-signals.ts RISK_DEFAULTS, customers'
 * DEFAULT_LINKS, orders' deposit); test/web-settings.test.ts fails when the two drift apart.
 */

/** The signals whose weight a store may change, in the order an agent meets them. */
export const SIGNAL_WEIGHTS = {
  phone_invalid: 40,
  phone_landline: 15,
  disposable_email: 25,
  address_incomplete: 10,
  earlier_refused: 35,
  earlier_returned: 15,
  earlier_ghost: 50,
  velocity: 20,
  duplicate_open_order: 20,
  unusual_value: 15,
  unusual_quantity: 15,
  area_refusals: 15,
  first_order: 10,
  returning_customer: -15,
} as const;

export type SignalCode = keyof typeof SIGNAL_WEIGHTS;

export const RISK_DEFAULTS = {
  hold_at: 70,
  prepayment_at: 45,
  velocity: { window_hours: 24, max_orders: 3 },
  area: { min_orders: 20, refusal_rate: 0.3 },
  unusual_factor: 2,
  link_cap: 3,
  deposit_percent: 100,
};
