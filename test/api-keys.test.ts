import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, startTestServer, type TestServer } from './harness.ts';
import { assertError, errorPaths, waitFor } from './helpers.ts';

// The store's API keys, made and revoked through the API (GET/POST/DELETE /v1/api-keys).
describe(`API keys (${dbLabel})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ env: { WASL_OWNER_EMAIL: 'owner@keys.example', WASL_OWNER_PASSWORD: 'owner-password-1' } });
  });
  after(() => s.stop());

  const withKey = (key: string, method: string, path: string, body?: unknown) =>
    s.api(method, path, body, { authorization: `Bearer ${key}` });

  test('a key is made with a name and a role, shown once, and works at once', async () => {
    const made = await s.api('POST', '/v1/api-keys', { name: ' Salla app ', role: 'warehouse' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.match(made.body.id, /^key_/);
    assert.equal(made.body.name, 'Salla app');
    assert.equal(made.body.role, 'warehouse');
    assert.deepEqual(made.body.role_label, { ar: 'موظف المستودع', en: 'Warehouse' });
    assert.match(made.body.key, /^wasl_[A-Za-z0-9_-]{40}$/);
    assert.ok(!Number.isNaN(Date.parse(made.body.created_at)));
    assert.equal(made.body.prefix, made.body.key.slice(0, 9));

    // It acts with its role: a warehouse key reads orders but may not change settings.
    assert.equal((await withKey(made.body.key, 'GET', '/v1/orders')).status, 200);
    assertError(await withKey(made.body.key, 'PATCH', '/v1/store/settings', { locale: 'en' }), 403, 'forbidden');
    assertError(await withKey(made.body.key, 'GET', '/v1/api-keys'), 403, 'forbidden');
  });

  test('without a role a key is a manager\'s; GET lists the keys and never a key itself', async () => {
    const made = await s.api('POST', '/v1/api-keys', { name: 'Reports script' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.role, 'manager');
    const list = await s.api('GET', '/v1/api-keys');
    assert.equal(list.status, 200);
    const row = list.body.data.find((k: { id: string }) => k.id === made.body.id);
    assert.ok(row, 'the new key is listed');
    assert.deepEqual(Object.keys(row).sort(), ['created_at', 'current', 'id', 'name', 'prefix', 'role', 'role_label']);
    assert.equal(row.current, false);
    const text = JSON.stringify(list.body);
    assert.ok(!text.includes(made.body.key), 'the key is not in the list');
    assert.ok(!text.includes(s.key), 'nor the owner key');
    assert.ok(!/hash/.test(text), 'nor any hash');
    // The key this request is made with is marked, so nobody revokes it by mistake.
    assert.equal(list.body.data.filter((k: { current: boolean }) => k.current).length, 1);
    assert.equal(list.body.data.find((k: { current: boolean }) => k.current).name, 'Owner key');
  });

  test('a revoked key gets 401, is gone from the list, and revoking twice is fine', async () => {
    const made = await s.api('POST', '/v1/api-keys', { name: 'Old integration', role: 'owner' });
    assert.equal(made.status, 201);
    assert.equal((await withKey(made.body.key, 'GET', '/v1/orders')).status, 200);
    const revoked = await s.api('DELETE', `/v1/api-keys/${made.body.id}`);
    assert.equal(revoked.status, 204);
    // Each process remembers a key for a few seconds: within those it is refused everywhere.
    const refused = await waitFor('the revoked key refused', async () => {
      const r = await withKey(made.body.key, 'GET', '/v1/orders');
      return r.status === 401 ? r : null;
    }, 8_000, 250);
    assertError(refused, 401, 'unauthorized');
    const list = await s.api('GET', '/v1/api-keys');
    assert.ok(!list.body.data.some((k: { id: string }) => k.id === made.body.id));
    assert.equal((await s.api('DELETE', `/v1/api-keys/${made.body.id}`)).status, 204);
    assertError(await s.api('DELETE', '/v1/api-keys/key_nosuchkey'), 404, 'not_found');
  });

  test('bad input is 422 naming the field; nothing is made', async () => {
    const before = (await s.api('GET', '/v1/api-keys')).body.data.length;
    for (const [body, path] of [
      [{}, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 'ok', role: 'emperor' }, 'role'],
      [{ name: 'ok', key: 'my-own-key-that-is-long-enough-00000000' }, '(body)'],
    ] as const) {
      const r = await s.api('POST', '/v1/api-keys', body);
      assertError(r, 422, 'validation_failed');
      assert.ok(errorPaths(r).includes(path) || (path === '(body)' && errorPaths(r).length > 0), `${JSON.stringify(body)} → ${JSON.stringify(errorPaths(r))}`);
    }
    assert.equal((await s.api('GET', '/v1/api-keys')).body.data.length, before);
  });

  test('making and revoking are in the audit log, by name and never with the key', async () => {
    const made = await s.api('POST', '/v1/api-keys', { name: 'Audit me', role: 'support' });
    await s.api('DELETE', `/v1/api-keys/${made.body.id}`);
    const audit = await s.api('GET', `/v1/audit?subject_id=${made.body.id}`);
    assert.equal(audit.status, 200, JSON.stringify(audit.body));
    const types = audit.body.data.map((e: { type: string }) => e.type);
    assert.deepEqual(types, ['api_key.revoked', 'api_key.created']);
    assert.deepEqual(audit.body.data[1].data, { name: 'Audit me', role: 'support' });
    assert.equal(audit.body.data[1].actor.type, 'api_key');
    assert.ok(!JSON.stringify(audit.body).includes(made.body.key));
  });

  test('a manager may not make or revoke an owner key; roles without settings.manage are refused', async () => {
    const manager = await s.api('POST', '/v1/api-keys', { name: 'Manager key', role: 'manager' });
    const owners = await s.api('POST', '/v1/api-keys', { name: 'Owner key 2', role: 'owner' });
    const refused = await withKey(manager.body.key, 'POST', '/v1/api-keys', { name: 'Sneaky', role: 'owner' });
    assertError(refused, 403, 'forbidden');
    assert.deepEqual(errorPaths(refused), ['role']);
    assertError(await withKey(manager.body.key, 'DELETE', `/v1/api-keys/${owners.body.id}`), 403, 'forbidden');
    const fine = await withKey(manager.body.key, 'POST', '/v1/api-keys', { name: 'Support bot', role: 'support' });
    assert.equal(fine.status, 201);
    for (const [method, path, body] of [['GET', '/v1/api-keys'], ['POST', '/v1/api-keys', { name: 'x' }], ['DELETE', `/v1/api-keys/${owners.body.id}`]] as const) {
      assertError(await withKey(fine.body.key, method, path, body), 403, 'forbidden');
    }
    assertError(await s.api('GET', '/v1/api-keys', undefined, { authorization: 'Bearer wasl_not_a_key_at_all_000000000000000' }), 401);
    // The owner key made by the owner still works: nothing above touched it.
    assert.equal((await withKey(owners.body.key, 'GET', '/v1/api-keys')).status, 200);
  });

  test('a signed-in owner manages keys with the session cookie too (the web app\'s way)', async () => {
    const signIn = await fetch(`${s.url}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wasl-client': 'web' },
      body: JSON.stringify({ email: 'owner@keys.example', password: 'owner-password-1' }),
    });
    assert.equal(signIn.status, 200);
    const cookie = signIn.headers.getSetCookie()[0].split(';')[0];
    const call = async (method: string, path: string, body?: unknown, web = true) => {
      const res = await fetch(`${s.url}${path}`, {
        method,
        headers: { cookie, ...(web ? { 'x-wasl-client': 'web' } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const made = await call('POST', '/v1/api-keys', { name: 'From the web' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.ok((await call('GET', '/v1/api-keys')).body.data.every((k: { current: boolean }) => !k.current), 'a person is not a key');
    const audit = await s.api('GET', `/v1/audit?subject_id=${made.body.id}`);
    assert.equal(audit.body.data[0].actor.type, 'user');
    // Without the web app's header a cookie cannot change anything (cross-site forgery).
    assertError(await call('DELETE', `/v1/api-keys/${made.body.id}`, undefined, false), 403, 'csrf');
    assert.equal((await call('DELETE', `/v1/api-keys/${made.body.id}`)).status, 204);
  });
});
