import type { StoreInfo } from '../../platform/context.ts';
import { orderInput, type HoldReason, type OrderInput } from '../orders/index.ts';

// What stands in for a field a storefront left empty. The order is kept (it is sold) and held
// for a person, who sees exactly which fields were missing.
const UNKNOWN = 'غير معروف / unknown';

type Draft = Record<string, any>;

/**
 * A storefront order that does not pass validation as it came: fill the text fields a person
 * can correct later (name, street, city, country, currency) and say which. Returns null when
 * what is missing cannot be stood in for (no lines, no prices): that delivery stays failed,
 * with its reason, for a person to look at.
 */
export function fillGaps(draft: Draft, store: StoreInfo): { input: OrderInput; hold: HoldReason } | null {
  const filled: string[] = [];
  const copy: Draft = structuredClone(draft);
  for (let round = 0; round < 3; round++) {
    const parsed = orderInput.safeParse(copy);
    if (parsed.success) {
      if (!filled.length) return null;
      return {
        input: parsed.data,
        hold: { code: 'incomplete_order', message: `The storefront sent no usable value for: ${filled.join(', ')}. Check them with the customer.` },
      };
    }
    let changed = false;
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const stand = standIn(path, store);
      if (stand === undefined) return null;
      setPath(copy, issue.path.map(String), stand);
      if (!filled.includes(path)) filled.push(path);
      changed = true;
    }
    if (!changed) return null;
  }
  return null;
}

function standIn(path: string, store: StoreInfo): unknown {
  switch (path) {
    case 'customer.name':
    case 'shipping_address.line1':
    case 'shipping_address.city':
      return UNKNOWN;
    case 'customer.phone':
      return '';
    case 'customer':
      return { name: UNKNOWN, phone: '' };
    case 'shipping_address':
      return { line1: UNKNOWN, city: UNKNOWN, country: store.country };
    case 'shipping_address.country':
      return store.country;
    case 'currency':
      return store.currency;
    case 'payment':
      return { method: 'cod' };
    default:
      return undefined;
  }
}

function setPath(target: Draft, path: string[], value: unknown) {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key];
  }
  node[path[path.length - 1]] = value;
}
