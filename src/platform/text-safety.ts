// PostgreSQL cannot store the NUL character in text or jsonb. A client that sends one gets a
// 422 naming the field; a storefront's payload is cleaned instead (it is never refused).

/** The path of the first string (or key) holding a NUL character, or null. */
export function findNulChar(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNulChar(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (k.includes('\u0000')) return p;
      const hit = findNulChar(v, p);
      if (hit) return hit;
    }
  }
  return null;
}

/** The same value with every NUL character removed from its strings and keys. */
export function withoutNulChars<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
  if (Array.isArray(value)) return value.map(withoutNulChars) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replaceAll('\u0000', ''), withoutNulChars(v)])) as T;
  }
  return value;
}
