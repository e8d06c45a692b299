import { monotonicFactory } from 'ulid';

// Prefixed, time-sortable ids (`ord_01j...`): a log line says what it is, and ids sort by
// creation time, which keyset pagination relies on.
const next = monotonicFactory();

export type IdPrefix = 'str' | 'key' | 'ord' | 'oln' | 'cus' | 'evt' | 'rsv' | 'whd' | 'imp' | 'usr';

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${next().toLowerCase()}`;
}
