import type { Ctx, StoreInfo } from '../../platform/context.ts';
import { linkableAddress, personPart, type LinkSettings } from '../customers/index.ts';
import { assessIntake, disposableDomain, listsPart, referencePart, RISK_DEFAULTS, type RiskAssessment, type RiskSettings } from '../risk/index.ts';
import { placeholders, withClause } from '../../platform/sql-parts.ts';
import { historyPart } from './order-history.ts';

/** What customer analysis looks at: the order's keys and contents, and the person it belongs to. */
export interface RiskSubject {
  /** Left out of its own history (null at intake: the order is not written yet). */
  orderId: string | null;
  /**
   * Whose history: every customer record of the person (the identity graph's group), or the
   * customer whose person is read in the same statement (intake: recording the order's address).
   */
  person: { members: string[] } | { customerId: string; recordAddress: string | null; links: LinkSettings };
  phone: { raw: string | null; e164: string | null; valid: boolean; type: string | null };
  email: string | null;
  ip: string | null;
  address: { district?: string | null; city?: string | null };
  addressKey: string | null;
  skus: string[];
  units: number;
  totalMinor: bigint;
  currency: string;
  at: Date;
}

export type StoreRiskSettings = RiskSettings & { block_message?: { ar?: string; en?: string } | null; deposit_percent?: number | null };

export const riskSettings = (store: StoreInfo) => (store.settings.risk ?? {}) as StoreRiskSettings;


/**
 * Customer analysis of one order: the person's history by any linked key, the bursts, the same
 * SKUs on their open orders, the store's lists, its usual order and the area's refusals; then
 * the weighted signals. One statement of three modules' parts, each on an index, whatever the
 * size of the history.
 * The same subject gives the same assessment, so re-running it changes nothing by itself.
 */
export async function assessOrderRisk(ctx: Ctx, s: RiskSubject, autoConfirmAfter: number): Promise<RiskAssessment> {
  const settings = riskSettings(ctx.store);
  const windowHours = settings.velocity?.window_hours ?? RISK_DEFAULTS.velocity.window_hours;
  // Three modules' queries in one statement: each round trip costs about as much as a query
  // here. At intake the identity graph's person is a part too (four modules, one round trip).
  const { params, $ } = placeholders();
  const person = 'members' in s.person ? null : personPart(ctx, $, s.person.customerId, s.person.links, s.person.recordAddress);
  const parts = {
    history: historyPart(ctx, $, {
      members: 'members' in s.person ? s.person.members : { sql: person!.members }, orderId: s.orderId, phone: s.phone.e164, email: s.email,
      addressKey: s.addressKey, ip: s.ip, skus: s.skus, at: s.at, windowHours,
    }),
    lists: listsPart(ctx, $, { phoneE164: s.phone.e164, phoneRaw: s.phone.raw, email: s.email, ip: s.ip, addressKey: s.addressKey }),
    reference: referencePart(ctx, $, s.addressKey, s.address),
  };
  const all = person ? [person, ...Object.values(parts)] : Object.values(parts);
  const [row] = await ctx.db.query<{ history: unknown; lists: unknown; reference: unknown; person: unknown }>(
    `${withClause(all)}SELECT (${parts.history.sql}) AS history, (${parts.lists.sql}) AS lists, (${parts.reference.sql}) AS reference${person ? `, (${person.sql}) AS person` : ''}`,
    params,
  );
  const history = parts.history.read(row.history);
  const lists = parts.lists.read(row.lists);
  const reference = parts.reference.read(row.reference);
  return assessIntake(
    {
      phoneValid: s.phone.valid, phoneType: s.phone.type, autoConfirmAfter, lists,
      history: history.outcomes, firstOrder: Object.keys(history.outcomes).length === 0,
      disposableDomain: disposableDomain(s.email), addressIncomplete: !linkableAddress(s.addressKey),
      velocity: { ...history.velocity, window_hours: windowHours }, duplicates: history.duplicates,
      size: { totalMinor: s.totalMinor, units: s.units, currency: s.currency, baseline: reference.baseline },
      areas: reference.areas,
    },
    ctx.store.locale,
    settings,
  );
}
