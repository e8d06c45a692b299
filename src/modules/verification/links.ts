import { createHash, randomBytes } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';

export type LinkPurpose = 'confirm' | 'email';

export interface LinkRow {
  store_id: string;
  order_id: string;
  purpose: LinkPurpose;
  channel: string;
  expires_at: Date;
  used_at: Date | null;
  opened_at: Date | null;
}

// 192 random bits: no one guesses a link, and it is short enough for an SMS.
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export interface NewLink {
  orderId: string;
  purpose: LinkPurpose;
  channel: string;
  token: string;
}

export const newToken = () => randomBytes(24).toString('base64url');

/** Personal links, one per message. Only their hashes are stored; the tokens go in the messages. */
export async function saveLinks(ctx: Ctx, links: NewLink[], ttlSeconds: number): Promise<void> {
  if (!links.length) return;
  await ctx.db.query(
    `INSERT INTO confirmation_links (token_hash, store_id, order_id, purpose, channel, expires_at, created_at)
     SELECT token_hash, $1, order_id, purpose, channel, $2, $3 FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS l(token_hash, order_id, purpose, channel)`,
    [ctx.store.id, new Date(ctx.now().getTime() + ttlSeconds * 1000), ctx.now(), links.map((l) => hashToken(l.token)),
      links.map((l) => l.orderId), links.map((l) => l.purpose), links.map((l) => l.channel)],
  );
}

export async function findLink(db: Sql, token: string): Promise<LinkRow | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await db.query<LinkRow>(
    `SELECT store_id, order_id, purpose, channel, expires_at, used_at, opened_at FROM confirmation_links WHERE token_hash = $1`,
    [hashToken(token)],
  );
  return row ?? null;
}

export async function markLink(ctx: Ctx, token: string, what: 'opened_at' | 'used_at') {
  await ctx.db.query(`UPDATE confirmation_links SET ${what} = COALESCE(${what}, $2) WHERE token_hash = $1`, [hashToken(token), ctx.now()]);
}

/** A new phone number: the links sent to the old one must not confirm any more. */
export async function expireConfirmLinks(ctx: Ctx, orderId: string) {
  await ctx.db.query(
    `UPDATE confirmation_links SET expires_at = LEAST(expires_at, $3) WHERE store_id = $1 AND order_id = $2 AND purpose = 'confirm'`,
    [ctx.store.id, orderId, ctx.now()],
  );
}
