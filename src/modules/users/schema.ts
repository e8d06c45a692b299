import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The people who work in a store's back office. `email` is trimmed and lowercased, one user per
 * email per store. Passwords are argon2id hashes. `language` and `digits` null mean "follow the
 * browser" (the web app decides).
 */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    language: text('language'),
    digits: text('digits'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('users_email').on(t.storeId, t.email), index('users_store_role').on(t.storeId, t.role)],
);

/**
 * Signed-in browsers. Only the SHA-256 of the cookie's random token is stored, so a copy of the
 * table signs nobody in. A session ends at `expires_at` (14 days after sign-in) or after 7 days
 * unused (`last_seen_at`), whichever comes first.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: text('user_id').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [uniqueIndex('user_sessions_token').on(t.tokenHash), index('user_sessions_user').on(t.userId)],
);

/** An invitation link (`/invite/<token>`, hash stored) that makes a user with a role when accepted. */
export const userInvitations = pgTable(
  'user_invitations',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    storeId: text('store_id').notNull(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    name: text('name'),
    invitedBy: text('invited_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('user_invitations_token').on(t.tokenHash),
    index('user_invitations_pending').on(t.storeId, t.id).where(sql`accepted_at IS NULL AND revoked_at IS NULL`),
  ],
);

/**
 * A person's saved filters of a list ("Riyadh COD high risk" on the orders list): the list's
 * query string under a name, one name per person per screen. Only its owner sees or deletes it.
 */
export const savedViews = pgTable(
  'saved_views',
  {
    storeId: text('store_id').notNull(),
    userId: text('user_id').notNull().references(() => users.id),
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    screen: text('screen').notNull(),
    query: text('query').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('saved_views_name').on(t.storeId, t.userId, t.screen, t.name)],
);
