import type { Ctx } from '../../platform/context.ts';
import { recordVerification } from '../orders/index.ts';
import { assertCascade, type CascadeStatus } from './states.ts';

export interface CascadeRow {
  order_id: string;
  status: CascadeStatus;
  step: number;
  round: number;
  next_step_at: Date | null;
  placed_at: Date;
  total_minor: string;
  queued_at: Date | null;
  call_attempts: number;
  call_back_at: Date | null;
  claimed_by: string | null;
  claimed_until: Date | null;
  confirmed_via: string | null;
}

export const ROW_COLUMNS = `order_id, status, step, round, next_step_at, placed_at, total_minor, queued_at, call_attempts,
  call_back_at, claimed_by, claimed_until, confirmed_via`;

export async function lockRow(ctx: Ctx, orderId: string): Promise<CascadeRow | null> {
  const [row] = await ctx.db.query<CascadeRow>(
    `SELECT ${ROW_COLUMNS} FROM verifications WHERE store_id = $1 AND order_id = $2 FOR UPDATE`,
    [ctx.store.id, orderId],
  );
  return row ?? null;
}

type Changes = Partial<Record<'step' | 'round' | 'next_step_at' | 'queued_at' | 'call_attempts' | 'call_back_at' | 'claimed_by' | 'claimed_until' | 'confirmed_via' | 'closed_at', unknown>>;

/**
 * Move the cascade (checked against the transition table), and keep the order's `verification`
 * summary in step with it so every order read shows where its confirmation stands.
 */
export async function moveCascade(ctx: Ctx, row: CascadeRow, to: CascadeStatus, changes: Changes = {}, summary: Record<string, unknown> = {}) {
  assertCascade(row.status, to);
  const sets = ['status = $3', 'updated_at = $4'];
  const params: unknown[] = [ctx.store.id, row.order_id, to, ctx.now()];
  for (const [column, value] of Object.entries(changes)) sets.push(`${column} = $${params.push(value)}`);
  await ctx.db.query(`UPDATE verifications SET ${sets.join(', ')} WHERE store_id = $1 AND order_id = $2`, params);
  Object.assign(row, changes, { status: to });
  await recordVerification(ctx, row.order_id, { status: to, round: row.round, ...summary });
}
