import { conflict } from '../../platform/errors.ts';

/** The order's life (API.md `status`), as a transition table. Anything not listed is refused. */
export const ORDER_STATUSES = [
  'pending', 'on_hold', 'confirmed', 'processing', 'shipped', 'delivered', 'completed', 'cancelled', 'returned',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['confirmed', 'on_hold', 'cancelled'],
  on_hold: ['pending', 'confirmed', 'cancelled'],
  confirmed: ['processing', 'on_hold', 'cancelled'],
  processing: ['shipped', 'on_hold', 'cancelled'],
  shipped: ['delivered', 'returned'],
  delivered: ['completed', 'returned'],
  completed: ['returned'],
  cancelled: [],
  returned: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Refuse an illegal move with a 409 that says what the order is and what it could become. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (canTransition(from, to)) return;
  const allowed = ORDER_TRANSITIONS[from];
  throw conflict(
    'invalid_transition',
    `An order that is ${from} cannot become ${to}` + (allowed.length ? ` (it can become: ${allowed.join(', ')})` : ' (it is final)'),
    [{ path: 'status', message: `${from} → ${to} is not allowed`, from, to }],
  );
}

export const VERIFICATION_STATUSES = [
  'pending', 'awaiting_customer', 'call_queue', 'confirmed', 'auto_confirmed', 'ghost', 'not_required',
] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
