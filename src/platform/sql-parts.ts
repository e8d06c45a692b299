/**
 * Queries that several modules contribute to one statement. Each module keeps its own SQL (a
 * scalar subquery that yields one JSON value) and its own reading of the result; the caller
 * runs them together in one round trip, which matters where each round trip costs as much as
 * the query (customer analysis at intake). Placeholders come from one shared allocator.
 */
export interface SqlPart<T> {
  sql: string;
  /** CTEs (`name AS (…)`, comma-separated) the part needs in the statement's WITH clause. */
  with?: string;
  read(value: unknown): T;
}

/** The WITH clause of a statement made of `parts`. */
export const withClause = (parts: SqlPart<unknown>[]) => {
  const ctes = parts.map((p) => p.with).filter(Boolean);
  return ctes.length ? `WITH ${ctes.join(',\n')}\n` : '';
};

export type Placeholder = (value: unknown) => string;

export function placeholders(first: unknown[] = []): { params: unknown[]; $: Placeholder } {
  const params = [...first];
  return { params, $: (v) => `$${params.push(v)}` };
}

/** Run one part on its own. */
export async function runPart<T>(db: { query<R>(text: string, params?: unknown[]): Promise<R[]> }, build: ($: Placeholder) => SqlPart<T>): Promise<T> {
  const { params, $ } = placeholders();
  const part = build($);
  const [row] = await db.query<{ v: unknown }>(`${withClause([part])}SELECT (${part.sql}) AS v`, params);
  return part.read(row.v);
}
