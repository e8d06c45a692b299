import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';

// Prefixed, time-sortable ids (`ord_01j...`): a log line says what it is, and ids sort by
// creation time, which keyset pagination relies on.

// ulid asks for one random byte at a time; a crypto call each was 7% of intake's CPU. Draw
// them from a pooled buffer instead (still crypto-strong).
let pool = randomBytes(4096);
let at = 0;
function random(): number {
  if (at >= pool.length) {
    pool = randomBytes(4096);
    at = 0;
  }
  return pool[at++] / 256;
}

const next = monotonicFactory(random);

export type IdPrefix = 'str' | 'key' | 'ord' | 'oln' | 'cus' | 'evt' | 'rsv' | 'whd' | 'imp' | 'usr' | 'msg' | 'rsk' | 'ses' | 'inv' | 'svw';

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${next().toLowerCase()}`;
}
