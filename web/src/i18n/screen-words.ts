import type { Msg, Plural } from './en.ts';

/**
 * A screen's own words, kept in its folder (`screens/<name>/words.ts`) and spread into `en.ts`
 * and `ar.ts`: the Arabic must have exactly the English keys, a plural where English has one,
 * so tsc still fails on a missing translation. Keys start with the screen's name.
 */
export function screenWords<E extends Record<string, Msg>>(en: E, ar: { [K in keyof E]: E[K] extends string ? string : Plural }) {
  return { en, ar };
}
