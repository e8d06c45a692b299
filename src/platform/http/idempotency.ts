import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Database, Sql, TransactionOptions } from '../db.ts';
import { badRequest, conflict } from '../errors.ts';

export interface Outcome {
  status: number;
  body: unknown;
}

/**
 * Run a POST's effect in one transaction, guarded by its `Idempotency-Key`. The key's record
 * is written in the same transaction as the effect, so a crash can never leave an effect
 * without its key (a retry would repeat it) or a key without its effect. A concurrent request
 * with the same key waits on the key's row and then replays the stored answer.
 * A failed request stores nothing: the client may fix the body and retry with the same key.
 */
export async function idempotent(
  req: FastifyRequest,
  db: Database,
  storeId: string,
  run: (tx: Sql) => Promise<Outcome>,
  opts?: TransactionOptions,
): Promise<Outcome & { replayed?: boolean }> {
  const header = req.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) return db.transaction(run, opts);
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters', [
      { path: 'headers.idempotency-key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
  const hash = createHash('sha256').update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
  return db.transaction(async (tx) => {
    const [fresh] = await tx.query(
      `INSERT INTO idempotency_keys (store_id, key, request_hash, status_code, response)
       VALUES ($1, $2, $3, 0, 'null') ON CONFLICT DO NOTHING RETURNING key`,
      [storeId, key, hash],
    );
    if (!fresh) {
      const [seen] = await tx.query<{ request_hash: string; status_code: number; response: unknown }>(
        `SELECT request_hash, status_code, response FROM idempotency_keys WHERE store_id = $1 AND key = $2`,
        [storeId, key],
      );
      if (seen.request_hash !== hash) {
        throw conflict('idempotency_key_reused', 'This Idempotency-Key was already used with a different request', [
          { path: 'headers.idempotency-key', message: 'already used with a different body or path' },
        ]);
      }
      return { status: seen.status_code, body: seen.response, replayed: true };
    }
    const outcome = await run(tx);
    await tx.query(`UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE store_id = $1 AND key = $2`, [
      storeId,
      key,
      outcome.status,
      JSON.stringify(outcome.body),
    ]);
    return outcome;
  }, opts);
}

/** How long a key replays its answer: a week covers any client's retry schedule. */
export const KEY_DAYS = 7;

/** Forget keys older than KEY_DAYS (the worker runs this hourly); returns how many went. */
export async function forgetOldKeys(db: Database, days = KEY_DAYS): Promise<number> {
  const rows = await db.query(
    `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(days => $1) RETURNING key`,
    [days],
  );
  return rows.length;
}
