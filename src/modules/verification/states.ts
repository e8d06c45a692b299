import { conflict } from '../../platform/errors.ts';

/**
 * The confirmation cascade of one order (API.md `verification.status`), as a transition table.
 * `pending` → a message went out → `awaiting_customer` (again for each channel) → `call_queue`;
 * it ends `confirmed` (by the customer, an agent or the merchant), `cancelled` (by the customer
 * or the merchant) or `ghost` (nobody answered). A new phone number starts a new round: `pending`.
 */
export const CASCADE_STATUSES = ['pending', 'awaiting_customer', 'call_queue', 'confirmed', 'cancelled', 'ghost'] as const;
export type CascadeStatus = (typeof CASCADE_STATUSES)[number];

export const CASCADE_TRANSITIONS: Record<CascadeStatus, readonly CascadeStatus[]> = {
  pending: ['awaiting_customer', 'call_queue', 'confirmed', 'cancelled', 'ghost'],
  awaiting_customer: ['awaiting_customer', 'call_queue', 'confirmed', 'cancelled', 'pending'],
  call_queue: ['call_queue', 'confirmed', 'cancelled', 'ghost', 'pending'],
  confirmed: [],
  cancelled: [],
  ghost: [],
};

export const isOpen = (s: string): boolean => s === 'pending' || s === 'awaiting_customer' || s === 'call_queue';

export function assertCascade(from: CascadeStatus, to: CascadeStatus): void {
  if (CASCADE_TRANSITIONS[from].includes(to)) return;
  throw conflict(
    'verification_closed',
    isOpen(from) ? `A confirmation that is ${from} cannot become ${to}` : `This order's confirmation is already ${from}`,
    [{ path: 'verification.status', message: `${from} → ${to} is not allowed`, from, to }],
  );
}
