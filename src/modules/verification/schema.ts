import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The confirmation cascade of one order: which step it reached, in which round (a new phone
 * number starts a new round), and, once it reaches the call queue, the agents' work on it.
 */
export const verifications = pgTable(
  'verifications',
  {
    storeId: text('store_id').notNull(),
    orderId: text('order_id').notNull(),
    status: text('status').notNull(),
    /** Index into the store's `verification.steps` of the step last started; -1 before the first. */
    step: integer('step').notNull().default(-1),
    round: integer('round').notNull().default(1),
    nextStepAt: timestamp('next_step_at', { withTimezone: true }),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'bigint' }).notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    callAttempts: integer('call_attempts').notNull().default(0),
    callBackAt: timestamp('call_back_at', { withTimezone: true }),
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    confirmedVia: text('confirmed_via'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.orderId] }),
    // The call queue: oldest first, then most valuable (see call-queue.ts).
    index('verifications_call_queue').on(t.storeId, t.queuedAt, t.totalMinor.desc()).where(sql`status = 'call_queue'`),
    // Timers that were lost (a job deleted by hand, a restore from backup) are found by this.
    index('verifications_due').on(t.nextStepAt).where(sql`next_step_at IS NOT NULL`),
  ],
);

/**
 * The customer's personal links (`/c/{token}`). Only the SHA-256 of the token is stored, so a
 * database leak does not hand out working links. `purpose` `email` may not confirm.
 */
export const confirmationLinks = pgTable(
  'confirmation_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    storeId: text('store_id').notNull(),
    orderId: text('order_id').notNull(),
    purpose: text('purpose').notNull(),
    channel: text('channel').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('confirmation_links_order').on(t.storeId, t.orderId)],
);
