import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/platform/db.ts';
import { dbLabel, freshDatabaseUrl } from './harness.ts';

const CSV = `external_id,placed_at,outcome,customer_name,phone,email,line1,district,city,country,currency,sku,quantity,unit_price,shipping_total,total,payment_method
H-1,2026-01-05T10:00:00Z,delivered,سارة,0501234567,,"شارع التحلية، 5",الروضة,جدة,SA,SAR,OUD-50ML,1,189.00,25.00,309.00,cod
H-1,2026-01-05T10:00:00Z,delivered,سارة,0501234567,,"شارع التحلية، 5",الروضة,جدة,SA,SAR,DATES-1KG,1,95.00,25.00,309.00,cod
H-2,2026-02-01T10:00:00Z,refused,سارة,٠٥٠١٢٣٤٥٦٧,,"شارع التحلية، 5",الروضة,جدة,SA,SAR,OUD-50ML,1,189.00,25.00,214.00,cod
H-3,2026-02-03T10:00:00Z,ghost,X,call me,,somewhere,,الرياض,SA,SAR,OUD-50ML,1,189.00,0,189.00,cod
H-4,not a date,delivered,Y,0551112222,,somewhere,,الرياض,SA,SAR,OUD-50ML,1,189.00,0,189.00,cod
`;

describe(`wasl import orders.csv (${dbLabel})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'wasl-import-'));
  let drop: (() => Promise<void>) | undefined;
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await drop?.();
  });

  test('imports each order once with its lines and outcome, reports bad rows, and is safe to run twice', async () => {
    const file = join(dir, 'orders.csv');
    writeFileSync(file, CSV);
    const fresh = await freshDatabaseUrl();
    drop = fresh?.drop;
    const env = { ...process.env, LOG_LEVEL: 'warn', ...(fresh ? { DATABASE_URL: fresh.url } : { WASL_DATA_DIR: dir, DATABASE_URL: '' }) };
    const run = () => spawnSync(process.execPath, ['bin/wasl.js', 'import', file], { env, encoding: 'utf8' });

    const first = run();
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /imported 3, already there 0, failed 1/);
    assert.match(first.stdout, /H-4: .*placed_at/);
    assert.match(first.stderr, /100% 4\/4 orders/);

    const second = run();
    assert.match(second.stdout, /imported 0, already there 3, failed 1/);

    const db = await openDatabase(fresh ? { url: fresh.url } : { dataDir: join(dir, 'db') });
    try {
      const rows = await db.query<{ external_id: string; status: string; outcome: string; lines: number; customer_id: string; customer_phone_e164: string | null }>(
        `SELECT external_id, status, outcome, customer_id, customer_phone_e164,
                (SELECT count(*)::int FROM order_lines l WHERE l.order_id = o.id) AS lines
           FROM orders o ORDER BY external_id`,
      );
      assert.deepEqual(rows.map((r) => [r.external_id, r.status, r.outcome, r.lines]), [
        ['H-1', 'completed', 'delivered', 2],
        ['H-2', 'returned', 'refused', 1],
        ['H-3', 'cancelled', 'ghost', 1],
      ]);
      // One person in two spellings of one phone: one customer.
      assert.equal(rows[0].customer_id, rows[1].customer_id);
      assert.equal(rows[0].customer_phone_e164, '+966501234567');
      const [stock] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM stock_reservations`);
      assert.equal(stock.n, 0, 'history touches no stock');
    } finally {
      await db.close();
    }
  });
});
