import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import { linkSettings, normalizePhone, personOf } from '../customers/index.ts';
import type { RiskAssessment } from '../risk/index.ts';
import { assessOrderRisk } from './assess-risk.ts';
import { holdOrder } from './change-status.ts';
import { loadOrderRow } from './order-view.ts';
import { verificationSettings } from '../stores/index.ts';

/** Orders not yet handed to a courier: what a new verdict can still change. */
const UNSHIPPED = ['pending', 'on_hold', 'confirmed', 'processing'];
/** A person rarely has more open orders than this; past it the newest are enough. */
const MAX_REASSESSED = 50;

interface OpenOrder {
  id: string;
  status: string;
  risk: Partial<RiskAssessment>;
  customer_phone: string | null;
  customer_phone_e164: string | null;
  customer_email_canonical: string | null;
  client_ip: string | null;
  shipping_address: { country?: string; district?: string; city?: string };
  address_key: string | null;
  total_minor: string;
  currency: string;
  placed_at: Date;
  skus: string[];
  units: number;
}

/**
 * Customer analysis again for a person's unshipped orders, because their history changed (an
 * order refused, returned, cancelled as ghost, delivered, or history imported). Idempotent: an
 * order whose assessment comes out the same is not touched, so running it twice changes
 * nothing and writes nothing. A changed assessment is stored with a `risk.reassessed` event;
 * one that now says hold or block puts a pending or confirmed order on hold for review (never
 * unholds or confirms by itself: that stays a person's call).
 */
export async function reassessCustomerOrders(ctx: Ctx, customerId: string, exceptOrderId?: string): Promise<number> {
  const group = await personOf(ctx, customerId, linkSettings(ctx.store));
  return reassess(ctx, group.members, { statuses: UNSHIPPED, except: exceptOrderId ?? '' });
}

/** One order, asked for by a person (any status: a settled order's risk is only re-read). */
export async function reassessOrder(ctx: Ctx, orderId: string): Promise<void> {
  const order = await loadOrderRow(ctx, orderId, { forUpdate: true });
  const group = await personOf(ctx, order.customer_id, linkSettings(ctx.store));
  await reassess(ctx, group.members, { only: orderId });
}

async function reassess(ctx: Ctx, members: string[], which: { statuses?: string[]; except?: string; only?: string }): Promise<number> {
  const open = await ctx.db.query<OpenOrder>(
    `SELECT o.id, o.status, o.risk, o.customer_phone, o.customer_phone_e164, o.customer_email_canonical, o.client_ip,
            o.shipping_address, o.address_key, o.total_minor, o.currency, o.placed_at,
            COALESCE(array_agg(l.sku ORDER BY l.position) FILTER (WHERE l.sku IS NOT NULL), '{}') AS skus,
            COALESCE(sum(l.quantity), 0)::int AS units
       FROM orders o LEFT JOIN order_lines l ON l.store_id = o.store_id AND l.order_id = o.id
      WHERE o.store_id = $1 AND (o.id = $5 OR ($5 IS NULL AND o.customer_id = ANY($2::text[]) AND o.status = ANY($3::text[]) AND o.id <> $4))
      GROUP BY o.id ORDER BY o.id DESC LIMIT ${MAX_REASSESSED}`,
    [ctx.store.id, members, which.statuses ?? [], which.except ?? '', which.only ?? null],
  );
  const { auto_confirm_after: autoConfirmAfter } = verificationSettings(ctx.store);
  let changed = 0;
  for (const o of open) {
    const phone = normalizePhone(o.customer_phone ?? '', [o.shipping_address.country ?? '', ctx.store.country]);
    const risk = await assessOrderRisk(ctx, {
      orderId: o.id, person: { members }, phone: { ...phone, raw: o.customer_phone }, email: o.customer_email_canonical,
      ip: o.client_ip, address: o.shipping_address, addressKey: o.address_key, skus: o.skus, units: o.units,
      totalMinor: BigInt(o.total_minor), currency: o.currency, at: new Date(o.placed_at),
    }, autoConfirmAfter);
    if (sameVerdict(o.risk, risk)) continue;
    changed++;
    await ctx.db.query(`UPDATE orders SET risk = $3, updated_at = $4 WHERE store_id = $1 AND id = $2`, [
      ctx.store.id, o.id, JSON.stringify(risk), ctx.now(),
    ]);
    await recordEvent(ctx, 'risk.reassessed', o.id, {
      from: { level: o.risk.level ?? null, score: o.risk.score ?? null, recommendation: o.risk.recommendation ?? null },
      to: { level: risk.level, score: risk.score, recommendation: risk.recommendation }, reasons: risk.reasons.map((r) => r.code),
    });
    const worse = ['hold', 'block'].includes(risk.recommendation) && !['hold', 'block'].includes(String(o.risk.recommendation));
    if (worse && ['pending', 'confirmed'].includes(o.status)) {
      await holdOrder(ctx, o.id, risk.reasons.filter((r) => r.weight > 0).map((r) => r.message).join(' '), 'risk_review');
    }
  }
  return changed;
}

/** The same level, score, recommendation and reasons (the wording follows from those). */
function sameVerdict(a: Partial<RiskAssessment>, b: RiskAssessment): boolean {
  const codes = (r: Partial<RiskAssessment>) => JSON.stringify((r.reasons ?? []).map((x) => [x.code, x.weight, x.message_en]));
  return a.level === b.level && a.score === b.score && a.recommendation === b.recommendation && codes(a) === codes(b);
}
