import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { assertError, errorPaths, mobile, place } from './helpers.ts';

describe(`HTTP conventions (${dbLabel})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    await stock(s, 'PAGE', 1000);
  });
  after(() => s.stop());

  describe('list pagination', () => {
    const ids: string[] = [];
    const phone = mobile();
    before(async () => {
      for (let i = 0; i < 7; i++) {
        const o = await place(s, orderBody({ customer: { name: `Pager ${i}`, phone }, lines: [{ sku: 'PAGE', quantity: 1, unit_price: '1.00' }] }));
        ids.push(o.id);
      }
    });

    const pageThrough = async (query: string) => {
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const qs = new URLSearchParams(query);
        qs.set('limit', '3');
        if (cursor) qs.set('cursor', cursor);
        const r = await s.api('GET', `/v1/orders?${qs}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.ok(r.body.data.length <= 3);
        pages.push(r.body.data.map((o: { id: string }) => o.id));
        cursor = r.body.next_cursor;
        assert.ok(pages.length <= 10, 'pagination does not end');
      } while (cursor);
      return pages;
    };

    test('limit=3 pages through all 7 exactly once, newest first, next_cursor null at the end', async () => {
      for (const query of ['', `phone=${phone}`]) {
        const pages = await pageThrough(query);
        assert.deepEqual(pages.map((p) => p.length), [3, 3, 1], query);
        assert.deepEqual(pages.flat(), [...ids].reverse(), query);
      }
    });

    test('a page that ends exactly at the last order says so with next_cursor null, or gives an empty last page', async () => {
      const first = await s.api('GET', `/v1/orders?limit=7&phone=${phone}`);
      assert.equal(first.body.data.length, 7);
      if (first.body.next_cursor !== null) {
        const next = await s.api('GET', `/v1/orders?limit=7&phone=${phone}&cursor=${encodeURIComponent(first.body.next_cursor)}`);
        assert.deepEqual(next.body.data, []);
      }
    });

    test('an order placed while paging does not shift or repeat the pages already handed out', async () => {
      const first = await s.api('GET', `/v1/orders?limit=3&phone=${phone}`);
      await place(s, orderBody({ customer: { name: 'Latecomer', phone }, lines: [{ sku: 'PAGE', quantity: 1, unit_price: '1.00' }] }));
      const second = await s.api('GET', `/v1/orders?limit=3&phone=${phone}&cursor=${encodeURIComponent(first.body.next_cursor)}`);
      assert.deepEqual(second.body.data.map((o: { id: string }) => o.id), [...ids].reverse().slice(3, 6));
    });

    test('a bad cursor is 400; a limit over 200 or below 1 is refused', async () => {
      for (const cursor of ['not-a-cursor', Buffer.from('ord_123').toString('base64url'), Buffer.from("' OR 1=1 --").toString('base64url')]) {
        const r = await s.api('GET', `/v1/orders?cursor=${encodeURIComponent(cursor)}`);
        assertError(r, 400);
        assert.ok(errorPaths(r).some((p) => p.includes('cursor')), JSON.stringify(r.body));
      }
      for (const limit of ['201', '0', 'ten']) {
        const r = await s.api('GET', `/v1/orders?limit=${limit}`);
        assert.ok(r.status === 400 || r.status === 422, `limit=${limit} → ${r.status}`);
        assertError(r, r.status);
        assert.ok(errorPaths(r).some((p) => p.includes('limit')), JSON.stringify(r.body));
      }
      const ok = await s.api('GET', '/v1/orders?limit=200');
      assert.equal(ok.status, 200);
    });

    test('status filter: only orders in that status', async () => {
      const cancelled = ids[2];
      assert.equal((await s.api('POST', `/v1/orders/${cancelled}/cancel`, { reason: 'filter test' })).status, 200);
      const r = await s.api('GET', `/v1/orders?status=cancelled&phone=${phone}`);
      assert.deepEqual(r.body.data.map((o: { id: string }) => o.id), [cancelled]);
      const bad = await s.api('GET', '/v1/orders?status=lost');
      assert.ok(bad.status === 400 || bad.status === 422, `status=lost → ${bad.status}`);
    });
  });
  const post = (path: string, body: string, contentType: string) =>
    s.api('POST', path, body, { 'content-type': contentType });

  test('malformed JSON is 400 malformed_json', async () => {
    assertError(await post('/v1/orders', '{"currency": "SAR", ', 'application/json'), 400, 'malformed_json');
    assertError(await post('/v1/orders', "{'single': 'quotes'}", 'application/json; charset=utf-8'), 400, 'malformed_json');
  });

  test('a body over 1 MiB is 413 in the error shape', async () => {
    const big = JSON.stringify(orderBody({ note: 'x'.repeat(1024 * 1024 + 10) }));
    assertError(await post('/v1/orders', big, 'application/json'), 413);
  });

  test('a form-encoded body is 415', async () => {
    assertError(await post('/v1/orders', 'currency=SAR&total=10', 'application/x-www-form-urlencoded'), 415);
  });

  test('a text/plain body is 415 (the API takes JSON only)', async () => {
    assertError(await post('/v1/orders', 'hello', 'text/plain'), 415);
  });

  test('a JSON body of the wrong type is 422, never 500', async () => {
    for (const body of ['null', '[]', '"order"', '42']) {
      const r = await post('/v1/orders', body, 'application/json');
      assertError(r, 422);
    }
    const wrongTypes = await s.api('POST', '/v1/orders', orderBody({ lines: 'TSHIRT', payment: { method: 'bitcoin' } }));
    assertError(wrongTypes, 422);
    assert.ok(errorPaths(wrongTypes).includes('lines'), JSON.stringify(wrongTypes.body));
    assert.ok(errorPaths(wrongTypes).includes('payment.method'), JSON.stringify(wrongTypes.body));
  });

  test('absurd amounts never give 500: beyond 2^53 minor units, and beyond 64 bits', async () => {
    await stock(s, 'BULK', 100_000_000);
    // 10 lines × 10 × 999,999,999,999.99 SAR = 99,999,999,999,999.00 SAR: 9,999,999,999,999,900 halalas,
    // more than 2^53 but well inside a 64-bit integer. Store it exactly, or refuse it; never crash.
    const big = await s.api('POST', '/v1/orders', orderBody({
      customer: { name: 'Big', phone: mobile() },
      lines: Array.from({ length: 10 }, () => ({ sku: 'BULK', quantity: 10, unit_price: '999999999999.99' })),
    }));
    assert.ok(big.status === 201 || big.status === 422, `got ${big.status}: ${JSON.stringify(big.body)}`);
    if (big.status === 201) assert.equal(big.body.totals.total, '99999999999999.00');
    else assertError(big, 422);
    // 10 lines × 10,000 × the same price: about 10^19 halalas, more than a 64-bit integer holds.
    const huge = await s.api('POST', '/v1/orders', orderBody({
      customer: { name: 'Huge', phone: mobile() },
      lines: Array.from({ length: 10 }, () => ({ sku: 'BULK', quantity: 10_000, unit_price: '999999999999.99' })),
    }));
    assertError(huge, 422);
    assert.equal((await s.api('GET', '/v1/inventory/BULK')).body.reserved, big.status === 201 ? 100 : 0, 'a refused order holds no stock');
  });

  test('/health answers {"status":"ok"} without a key', async () => {
    const res = await fetch(`${s.url}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  test('/metrics is Prometheus text with the request duration histogram', async () => {
    await s.api('GET', '/v1/store');
    const res = await fetch(`${s.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const text = await res.text();
    assert.match(text, /# TYPE wasl_http_request_duration_seconds histogram/);
    assert.match(text, /wasl_http_request_duration_seconds_bucket\{[^}]*route="\/v1\/store"/);
  });

  test('/openapi.json is OpenAPI 3.1 and describes /v1/orders', async () => {
    const res = await fetch(`${s.url}/openapi.json`);
    assert.equal(res.status, 200);
    const doc = (await res.json()) as any;
    assert.match(doc.openapi, /^3\.1/);
    assert.ok(doc.paths['/v1/orders'], Object.keys(doc.paths).join(', '));
    assert.ok(doc.paths['/v1/orders'].post && doc.paths['/v1/orders'].get);
    assert.ok(doc.paths['/v1/orders/{id}']?.get, 'path parameters in OpenAPI form');
    assert.ok(doc.paths['/v1/orders/import']?.post);
  });

  test('/docs is an HTML page', async () => {
    const res = await fetch(`${s.url}/docs`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await res.text(), /<html/i);
  });

  test('an unknown route is 404 in the error shape', async () => {
    assertError(await s.api('GET', '/v1/no-such-thing'), 404, 'not_found');
    assertError(await s.api('POST', '/v1/orders/ord_x/teleport', {}), 404, 'not_found');
    // Outside the API a GET is the web app's (it says "not found" itself, in the reader's
    // language), or a 503 page when there is no build; anything else there is our JSON 404.
    const page = await fetch(`${s.url}/definitely/not/here`);
    assert.ok([200, 503].includes(page.status), `GET outside /v1 is the web app (${page.status})`);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const res = await fetch(`${s.url}/definitely/not/here`, { method: 'DELETE' });
    assert.equal(res.status, 404);
    assertError({ status: res.status, body: await res.json() }, 404, 'not_found');
  });

});
