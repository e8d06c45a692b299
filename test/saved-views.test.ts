import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, startTestServer, type TestServer } from './harness.ts';
import { assertError, errorPaths } from './helpers.ts';

// Saved views: a signed-in person keeps the filters of the orders list under a name. Each
// person sees and deletes only their own; an API key has none.

const OWNER = { email: 'owner@views.example', password: 'owner-password-views-1' };
type Res = { status: number; body: any };

/** A browser's cookie jar, sending `x-wasl-client: web` on changes as the web app does. */
class Person {
  cookie = '';
  constructor(private s: TestServer) {}
  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
    const res = await fetch(`${this.s.url}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method === 'GET' ? {} : { 'x-wasl-client': 'web' }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith('wasl_session='));
    if (session) this.cookie = session.split(';')[0];
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}

describe(`saved views (${dbLabel})`, () => {
  let s: TestServer;
  let owner: Person;
  let agent: Person;
  before(async () => {
    s = await startTestServer({ env: { WASL_OWNER_EMAIL: OWNER.email, WASL_OWNER_PASSWORD: OWNER.password } });
    owner = new Person(s);
    assert.equal((await owner.call('POST', '/v1/auth/sign-in', OWNER)).status, 200);
    // A confirmation agent, invited and signed in through the link.
    const invited = await s.api('POST', '/v1/invitations', { email: 'agent@views.example', role: 'confirmation_agent' });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    agent = new Person(s);
    const accepted = await agent.call('POST', `/v1/invitations/${invited.body.link.split('/invite/')[1]}/accept`, { name: 'Agent', password: 'agent-password-views-1' });
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
  });
  after(() => s.stop());

  const views = async (p: Person, screen = 'orders') => {
    const r = await p.call('GET', `/v1/saved-views?screen=${screen}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.data as { id: string; name: string; screen: string; query: string; created_at: string }[];
  };

  test('save the filters under a name (201), list them oldest first, delete one (204)', async () => {
    const a = await owner.call('POST', '/v1/saved-views', { name: '  Riyadh COD high risk ', screen: 'orders', query: '?risk=high&status=pending&q=الرياض&cursor=abc&source=' });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.match(a.body.id, /^svw_[0-9a-z]{26}$/);
    assert.equal(a.body.name, 'Riyadh COD high risk', 'trimmed');
    assert.equal(a.body.screen, 'orders');
    assert.equal(new URLSearchParams(a.body.query).toString(), a.body.query);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(a.body.query)), { risk: 'high', status: 'pending', q: 'الرياض' }, 'no "?", no page, no empty values');
    const b = await owner.call('POST', '/v1/saved-views', { name: 'بانتظار التأكيد', screen: 'orders', query: 'status=pending' });
    assert.equal(b.status, 201, JSON.stringify(b.body));
    assert.deepEqual((await views(owner)).map((v) => v.name), ['Riyadh COD high risk', 'بانتظار التأكيد']);

    const gone = await owner.call('DELETE', `/v1/saved-views/${a.body.id}`);
    assert.equal(gone.status, 204);
    assert.deepEqual((await views(owner)).map((v) => v.id), [b.body.id]);
    assertError(await owner.call('DELETE', `/v1/saved-views/${a.body.id}`), 404, 'not_found');
  });

  test('a name is one person\'s per list: the same name again is a 409 on name; another person may use it', async () => {
    const first = await owner.call('POST', '/v1/saved-views', { name: 'Ghosts', screen: 'orders', query: 'verification=ghost' });
    assert.equal(first.status, 201);
    const again = await owner.call('POST', '/v1/saved-views', { name: 'Ghosts ', screen: 'orders', query: 'verification=ghost&risk=high' });
    assertError(again, 409, 'saved_view_exists');
    assert.deepEqual(errorPaths(again), ['name']);
    const theirs = await agent.call('POST', '/v1/saved-views', { name: 'Ghosts', screen: 'orders', query: 'verification=ghost' });
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    // Own views only: the agent neither sees nor deletes the owner's.
    assert.deepEqual((await views(agent)).map((v) => v.id), [theirs.body.id]);
    assertError(await agent.call('DELETE', `/v1/saved-views/${first.body.id}`), 404, 'not_found');
    assert.ok((await views(owner)).some((v) => v.id === first.body.id), 'still there');
  });

  test('the same Idempotency-Key replays the answer and saves once', async () => {
    const body = { name: 'Replayed', screen: 'orders', query: 'source=salla' };
    const one = await owner.call('POST', '/v1/saved-views', body, { 'idempotency-key': 'views-replay-1' });
    const two = await owner.call('POST', '/v1/saved-views', body, { 'idempotency-key': 'views-replay-1' });
    assert.equal(one.status, 201);
    assert.deepEqual(two, one);
    assert.equal((await views(owner)).filter((v) => v.name === 'Replayed').length, 1);
  });

  test('bad input is a clear 4xx naming the field', async () => {
    const cases: [unknown, number, string][] = [
      [{ name: '   ', screen: 'orders', query: 'status=pending' }, 422, 'name'],
      [{ screen: 'orders', query: 'status=pending' }, 422, 'name'],
      [{ name: 'x'.repeat(81), screen: 'orders', query: '' }, 422, 'name'],
      [{ name: 'Long', screen: 'orders', query: `q=${'x'.repeat(2000)}` }, 422, 'query'],
      [{ name: 'Screen', screen: 'nowhere', query: '' }, 422, 'screen'],
      [{ name: 'No query', screen: 'orders' }, 422, 'query'],
    ];
    for (const [body, status, path] of cases) {
      const r = await owner.call('POST', '/v1/saved-views', body);
      assertError(r, status);
      assert.deepEqual(errorPaths(r), [path], JSON.stringify(body));
    }
    assertError(await owner.call('GET', '/v1/saved-views?screen=nowhere'), 422);
  });

  test('an API key has no saved views: a clear 422, not a 500', async () => {
    assertError(await s.api('GET', '/v1/saved-views'), 422, 'not_a_user');
    const r = await s.api('POST', '/v1/saved-views', { name: 'Key view', screen: 'orders', query: 'status=pending' });
    assertError(r, 422, 'not_a_user');
    assertError(await s.api('DELETE', '/v1/saved-views/svw_01aaaaaaaaaaaaaaaaaaaaaaaa'), 422, 'not_a_user');
    // Without a session or a key: 401.
    assertError(await new Person(s).call('GET', '/v1/saved-views'), 401, 'unauthorized');
  });

  test('at most 50 views per list', async () => {
    const invited = await s.api('POST', '/v1/invitations', { email: 'collector@views.example', role: 'support' });
    const collector = new Person(s);
    await collector.call('POST', `/v1/invitations/${invited.body.link.split('/invite/')[1]}/accept`, { name: 'Collector', password: 'collector-password-1' });
    for (let i = 0; i < 50; i++) assert.equal((await collector.call('POST', '/v1/saved-views', { name: `View ${i}`, screen: 'orders', query: `q=${i}` })).status, 201);
    const over = await collector.call('POST', '/v1/saved-views', { name: 'View 50', screen: 'orders', query: 'q=50' });
    assertError(over, 422, 'too_many_saved_views');
    assert.deepEqual(errorPaths(over), ['name']);
  });
});
