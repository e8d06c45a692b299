import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { openDatabase } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { bootstrapStore, getStore } from './modules/stores/index.ts';
import { seedDemo } from './demo.ts';

// `npm start` on an empty database: a newcomer sees a living store (embedded database, in memory).
test('the demo store has products, past orders with every outcome, and today\'s orders in several states over the last hours', async () => {
  const db = await openDatabase({});
  try {
    await migrate(db);
    const { storeId } = await bootstrapStore(db, {});
    await seedDemo(db, await getStore(db, storeId, { fresh: true }), pino({ level: 'silent' }), { history: 80, today: 30 });
    const demo = await getStore(db, storeId, { fresh: true });
    const steps = (demo.settings.verification as { steps: { channel: string; after_seconds: number }[] }).steps;
    assert.deepEqual(steps.map((s) => s.channel), ['sms', 'call'], 'the call queue fills minutes after the start');
    assert.ok(steps.reduce((n, s) => n + s.after_seconds, 0) <= 300);
    const products = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM products WHERE store_id = $1`, [storeId]);
    assert.equal(products[0].n, 10);
    const outcomes = await db.query<{ outcome: string }>(`SELECT DISTINCT outcome FROM orders WHERE store_id = $1 AND source = 'import'`, [storeId]);
    assert.deepEqual(outcomes.map((o) => o.outcome).sort(), ['cancelled', 'delivered', 'ghost', 'refused', 'returned']);
    const today = await db.query<{ status: string; first: Date; last: Date }>(
      `SELECT status, min(placed_at) AS first, max(placed_at) AS last FROM orders WHERE store_id = $1 AND source = 'demo' GROUP BY status`, [storeId]);
    assert.ok(today.length >= 3, `today's orders in ${today.map((s) => s.status).join(', ')}`);
    const span = Math.max(...today.map((s) => +new Date(s.last))) - Math.min(...today.map((s) => +new Date(s.first)));
    assert.ok(span > 6 * 3_600_000, 'spread over hours, so the home charts have a shape');
    // Confirmed by a person some minutes after being placed (good customers are confirmed at once):
    // the home screen's time to confirm is not zero.
    const [waited] = await db.query<{ s: number }>(
      `SELECT min(extract(epoch FROM e.created_at - o.placed_at))::int AS s FROM orders o JOIN events e ON e.store_id = o.store_id AND e.subject_id = o.id
        WHERE o.store_id = $1 AND o.source = 'demo' AND e.type = 'order.confirmed' AND (e.data->>'auto') IS NULL`, [storeId]);
    assert.ok(waited.s >= 60, `confirmed ${waited.s} s after being placed`);
  } finally {
    await db.close();
  }
});
