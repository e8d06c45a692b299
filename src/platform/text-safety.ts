// PostgreSQL cannot store the NUL character in text or jsonb, and jsonb refuses the escape of
// a lone UTF-16 surrogate (half an emoji, as broken copy-paste leaves it). A client that sends a
// NUL gets a 422 naming the field; half-emojis become U+FFFD, so a customer's broken text never
// costs an order. Storefront payloads are cleaned the same way (they are never refused).

const MAX_DEPTH = 32;

export interface TextProblem {
  [extra: string]: unknown;
  path: string;
  message: string;
}

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * Walk a parsed request body (iteratively: a hostile body can be nested thousands deep) and
 * make its strings storable: lone surrogates are replaced in place; a NUL character or nesting
 * deeper than any real request is reported.
 */
export function makeTextStorable(root: unknown, rootPath = ''): TextProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootPath, depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) return { path: path || '(body)', message: `is nested more than ${MAX_DEPTH} levels deep` };
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, v] of entries) {
      const p = join(path, key);
      if (typeof key === 'string' && key.includes('\u0000')) return { path: p, message: 'must not contain the NUL character' };
      if (typeof v === 'string') {
        if (v.includes('\u0000')) return { path: p, message: 'must not contain the NUL character' };
        if (!v.isWellFormed()) (value as Record<string | number, unknown>)[key] = v.toWellFormed();
      } else if (v !== null && typeof v === 'object') stack.push({ value: v, path: p, depth: depth + 1 });
    }
    if (!Array.isArray(value)) {
      for (const key of Object.keys(value)) {
        if (!key.isWellFormed()) return { path: join(path, key.toWellFormed()), message: 'is not valid text' };
      }
    }
  }
  return null;
}

/** Check one string (a path parameter, a query value). */
export function textProblem(value: string, path: string): TextProblem | null {
  return value.includes('\u0000') ? { path, message: 'must not contain the NUL character' } : null;
}

/**
 * A copy with NULs removed and half-emojis replaced, for what wasl never refuses (storefront
 * orders, signed provider webhooks). Anything nested deeper than any real payload is dropped.
 */
export function storableCopy<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '').toWellFormed() as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 64) return null as T;
  if (Array.isArray(value)) return value.map((v) => storableCopy(v, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableCopy(k), storableCopy(v, depth + 1)])) as T;
}
