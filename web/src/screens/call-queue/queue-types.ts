import type { Order } from '../../types.ts';

/** The last call logged on an order (GET /v1/call-queue, POST /v1/call-queue/claim). */
export interface LastCall {
  outcome: string;
  note: string | null;
  at: string;
  by: { type?: string; id?: string; name?: string };
  attempt: number | null;
  call_back_at: string | null;
}

export interface CallState {
  call_attempts: number;
  call_back_at: string | null;
  queued_at: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  last_call: LastCall | null;
}

export interface QueueEntry {
  order: Order;
  call: CallState;
}

export interface QueueCounts {
  ready: number;
  in_call: number;
  scheduled: number;
  call_backs_due: number;
}

export interface QueueList {
  data: QueueEntry[];
  counts: QueueCounts;
}

/** The answer to a claim: nothing when no order is ready. */
export type Claim = { order: Order; call: CallState } | { order: null; call: null };

/** What the server accepts as the outcome of a call (src/modules/verification/call-queue.ts). */
export const OUTCOMES = ['confirmed', 'no_answer', 'call_back', 'cancelled', 'wrong_number'] as const;
export type Outcome = (typeof OUTCOMES)[number];
