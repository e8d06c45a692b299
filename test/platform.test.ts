import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainEvent } from '../src/platform/jobs.ts';
import { migrate } from '../src/platform/migrate.ts';
import { dbLabel, orderBody, startTestServer, stock, type TestServer } from './harness.ts';

describe(`outbox, jobs and keys (${dbLabel})`, () => {
  let s: TestServer;
  const seen: DomainEvent[] = [];
  before(async () => {
    s = await startTestServer({ worker: true });
    await s.running.jobs!.onEvent('order.placed', 'test-order-placed', async (e) => {
      seen.push(e);
    });
    await stock(s, 'MUG', 3);
  });
  after(() => s.stop());

  const waitFor = async (pred: () => boolean, ms = 10_000) => {
    const until = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
    return true;
  };

  test('a committed order reaches the subscriber once through the outbox; a refused one never does', async () => {
    const ok = await s.api('POST', '/v1/orders', orderBody({ lines: [{ sku: 'MUG', quantity: 2, unit_price: '10.00' }] }));
    assert.equal(ok.status, 201);
    const refused = await s.api('POST', '/v1/orders', orderBody({ lines: [{ sku: 'MUG', quantity: 5, unit_price: '10.00' }] }));
    assert.equal(refused.status, 409);
    assert.ok(await waitFor(() => seen.some((e) => e.subject_id === ok.body.id)), 'event delivered');
    await new Promise((r) => setTimeout(r, 500));
    const forOrder = seen.filter((e) => e.subject_id === ok.body.id);
    assert.equal(forOrder.length, 1);
    assert.equal(forOrder[0].type, 'order.placed');
    assert.equal(forOrder[0].store_id, s.storeId);
    assert.equal(forOrder[0].data.number, ok.body.number);
    // Only the committed order's events exist at all.
    const [{ n }] = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE type = 'order.placed'`);
    assert.equal(n, 1);
    const [{ unpublished }] = await s.db.query<{ unpublished: number }>(`SELECT count(*)::int AS unpublished FROM events WHERE published_at IS NULL AND type = 'order.placed'`);
    assert.equal(unpublished, 0);
  });

  test('a job sent inside a transaction that rolls back is never run', async () => {
    const ran: string[] = [];
    await s.running.jobs!.onJob<{ tag: string }>('test-tx-job', async (d) => {
      ran.push(d.tag);
    });
    await s.db.transaction(async (tx) => {
      await s.running.jobs!.send('test-tx-job', { tag: 'kept' }, { tx });
    });
    await s.db
      .transaction(async (tx) => {
        await s.running.jobs!.send('test-tx-job', { tag: 'rolled-back' }, { tx });
        throw new Error('roll back');
      })
      .catch(() => {});
    assert.ok(await waitFor(() => ran.includes('kept')));
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(ran, ['kept']);
  });

  test('API keys are stored only as hashes', async () => {
    const rows = await s.db.query<{ key_hash: string; prefix: string }>(`SELECT key_hash, prefix FROM api_keys`);
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0].key_hash, s.key);
    assert.match(rows[0].key_hash, /^[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(rows).includes(s.key));
    assert.equal(rows[0].prefix, s.key.slice(0, 9));
  });

  test('migrations are applied once: running them again changes nothing', async () => {
    assert.deepEqual(await migrate(s.db), []);
  });
});
