import type { Ctx } from '../../platform/context.ts';
import { notFound, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';

/** The tags wasl knows and shows with a label; a store may add its own words next to them. */
export const TAG_LABELS = {
  good: { ar: 'عميل جيد', en: 'Good customer' },
  negotiator: { ar: 'عميل مفاوض', en: 'Negotiator' },
  ghost_box: { ar: 'صندوق العملاء الوهميين', en: 'Ghost box' },
  vip: { ar: 'عميل مميز', en: 'VIP' },
} as const;
export type KnownTag = keyof typeof TAG_LABELS;

export const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 32;

// Combining marks are allowed because Arabic short vowels (and letters in many other scripts)
// are marks, not letters; a tag typed with tashkeel must not be refused for it.
const TAG_RE = /^[\p{L}\p{M}\p{Nd}_-]+$/u;

/**
 * A tag as it is stored: trimmed, NFC (so one word typed two ways is one tag) and Latin
 * letters lowercased (`VIP` is `vip`). Refused with a 422 on `path` when it is not a tag.
 */
export function normalizeTag(raw: string, path = 'tag'): string {
  const tag = raw.trim().normalize('NFC').replace(/\p{Script=Latin}+/gu, (s) => s.toLowerCase());
  const length = [...tag].length;
  if (length < 1 || length > MAX_TAG_LENGTH || !TAG_RE.test(tag)) {
    const why = length < 1 ? 'is empty' : length > MAX_TAG_LENGTH ? `is longer than ${MAX_TAG_LENGTH} characters`
      : 'may hold only letters, digits, "_" and "-" (no spaces: write "big_spender")';
    throw unprocessable(`The tag ${why}`, [{ path, message: why }], 'invalid_tag');
  }
  return tag;
}

export interface CustomerTags {
  id: string;
  tags: string[];
}

/**
 * Put a tag on a customer. The array is rebuilt sorted and without duplicates inside the one
 * UPDATE, so two agents (or an agent and the confirmation cascade) tagging at once both land:
 * the second UPDATE waits for the first's row lock and then reads the new array.
 * Adding a tag the customer has is a no-op with the same answer. Sorted by code point (COLLATE
 * "C"), so the order is the same on every database whatever its locale.
 */
export async function tagCustomer(ctx: Ctx, customerId: string, rawTag: string): Promise<CustomerTags> {
  const tag = normalizeTag(rawTag);
  const [changed] = await ctx.db.query<CustomerTags>(
    `UPDATE customers
        SET tags = ARRAY(SELECT DISTINCT t COLLATE "C" FROM unnest(array_append(tags, $3::text)) AS u(t) ORDER BY 1),
            updated_at = $4
      WHERE store_id = $1 AND id = $2 AND NOT ($3::text = ANY(tags)) AND cardinality(tags) < $5
      RETURNING id, tags`,
    [ctx.store.id, customerId, tag, ctx.now(), MAX_TAGS],
  );
  if (changed) {
    await recordEvent(ctx, 'customer.tagged', customerId, { tag });
    return changed;
  }
  // Nothing changed: the customer is unknown, already has the tag, or has no room for it.
  const current = await currentTags(ctx, customerId);
  if (current.tags.includes(tag)) return current;
  throw unprocessable(`A customer can have at most ${MAX_TAGS} tags; remove one first`, [
    { path: 'tag', message: `the customer already has ${MAX_TAGS} tags` },
  ], 'too_many_tags');
}

/** Take a tag off a customer; taking off one that is not there is a no-op with the same answer. */
export async function untagCustomer(ctx: Ctx, customerId: string, rawTag: string, path = 'tag'): Promise<CustomerTags> {
  const tag = normalizeTag(rawTag, path);
  const [changed] = await ctx.db.query<CustomerTags>(
    `UPDATE customers SET tags = array_remove(tags, $3::text), updated_at = $4
      WHERE store_id = $1 AND id = $2 AND $3::text = ANY(tags)
      RETURNING id, tags`,
    [ctx.store.id, customerId, tag, ctx.now()],
  );
  if (!changed) return currentTags(ctx, customerId);
  await recordEvent(ctx, 'customer.untagged', customerId, { tag });
  return changed;
}

async function currentTags(ctx: Ctx, customerId: string): Promise<CustomerTags> {
  const [row] = await ctx.db.query<CustomerTags>(`SELECT id, tags FROM customers WHERE store_id = $1 AND id = $2`, [
    ctx.store.id, customerId,
  ]);
  if (!row) throw notFound('Customer');
  return row;
}
