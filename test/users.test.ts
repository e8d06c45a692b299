import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { dbLabel, orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { assertError, errorPaths, mobile, place, sku, waitFor } from './helpers.ts';
import { createStore } from '../src/modules/stores/index.ts';
import { PERMISSIONS, ensureOwner } from '../src/modules/users/index.ts';
import { clearSignInLimits } from '../src/modules/users/sign-in-limits.ts';
import { authorize, routeTable } from '../src/platform/http/auth.ts';

// Users, sessions, roles and the audit log, through the HTTP API as the web app uses it: a
// browser with a cookie jar that sends `x-wasl-client: web` on changes, like the app does.
const OWNER = { email: 'owner@shop.example', password: 'owner-password-1' };

type Res = { status: number; body: any; headers: Headers };

class Browser {
  cookie: string | null = null;
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
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const value = pair.slice(pair.indexOf('=') + 1);
      if (pair.startsWith('wasl_session=')) this.cookie = value && !/Expires=Thu, 01 Jan 1970/i.test(c) ? pair : null;
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }

  async signIn(email: string, password: string) {
    const r = await this.call('POST', '/v1/auth/sign-in', { email, password });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r;
  }
}

describe(`users, sign-in, roles and the audit log (${dbLabel})`, () => {
  let s: TestServer;
  let owner: Browser;
  before(async () => {
    s = await startTestServer({ worker: true, env: { WASL_OWNER_EMAIL: ' Owner@Shop.Example ', WASL_OWNER_PASSWORD: OWNER.password } });
    clearSignInLimits();
    owner = new Browser(s);
    await owner.signIn(OWNER.email, OWNER.password);
  });
  after(() => s.stop());

  let people = 0;
  /** Invite a person with a role (as the owner) and accept the link: a signed-in browser. */
  async function person(role: string, by: Browser = owner) {
    people += 1;
    const email = `${role}${people}@shop.example`;
    const invited = await by.call('POST', '/v1/invitations', { email, role });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const token = invited.body.link.split('/invite/')[1];
    const b = new Browser(s);
    const accepted = await b.call('POST', `/v1/invitations/${token}/accept`, { name: `Person ${people}`, password: `password-of-${people}` });
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    return { browser: b, email, password: `password-of-${people}`, id: accepted.body.user.id as string };
  }

  describe('first start', () => {
    test('the owner comes from WASL_OWNER_EMAIL / WASL_OWNER_PASSWORD, email lowercased', async () => {
      assert.deepEqual(s.running.owner, { email: OWNER.email, generatedPassword: undefined });
      const me = await owner.call('GET', '/v1/auth/me');
      assert.equal(me.body.user.email, OWNER.email);
      assert.equal(me.body.user.role, 'owner');
    });

    test('a store with no user gets owner@wasl.local with a generated password, once, even when two processes start together', async () => {
      const store = await createStore(s.db, { name: 'Second store', country: 'EG', currency: 'EGP', timezone: 'Africa/Cairo', locale: 'ar' });
      const services = { db: s.db, log: pino({ level: 'silent' }) };
      const results = await Promise.all([ensureOwner(services, store.id), ensureOwner(services, store.id)]);
      const made = results.filter(Boolean);
      assert.equal(made.length, 1, JSON.stringify(results));
      assert.equal(made[0]!.email, 'owner@wasl.local');
      assert.ok(made[0]!.generatedPassword && made[0]!.generatedPassword.length >= 10);
      assert.equal(await ensureOwner(services, store.id), null, 'a store with a user gets no second owner');
      const b = new Browser(s);
      const r = await b.signIn('owner@wasl.local', made[0]!.generatedPassword!);
      assert.equal(r.body.store.id, store.id);
      assert.equal(r.body.store.currency, 'EGP');
    });

    test('a WASL_OWNER_PASSWORD shorter than 10 characters is refused', async () => {
      const store = await createStore(s.db, { name: 'Third store', country: 'SA', currency: 'SAR', timezone: 'Asia/Riyadh', locale: 'ar' });
      await assert.rejects(ensureOwner({ db: s.db, log: pino({ level: 'silent' }) }, store.id, { password: 'short' }), /at least 10/);
    });
  });

  describe('sign-in and sign-out', () => {
    test('sign-in sets an HttpOnly, SameSite=Lax session cookie and answers the user, store and permissions', async () => {
      const b = new Browser(s);
      const r = await b.signIn('OWNER@shop.example', OWNER.password);
      const cookie = r.headers.getSetCookie().find((c) => c.startsWith('wasl_session='))!;
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      assert.match(cookie, /Path=\//);
      assert.doesNotMatch(cookie, /Secure/i, 'plain http: no Secure flag');
      assert.equal(r.body.user.email, OWNER.email);
      assert.deepEqual(r.body.user.role_label, { ar: 'صاحب المتجر', en: 'Store owner' });
      assert.deepEqual(Object.keys(r.body.store).sort(), ['country', 'currency', 'id', 'locale', 'name', 'timezone']);
      assert.deepEqual([...r.body.permissions].sort(), Object.keys(PERMISSIONS).sort());
      assert.ok(!JSON.stringify(r.body).includes('password'), 'no hash is ever returned');

      const me = await b.call('GET', '/v1/auth/me');
      assert.equal(me.status, 200, JSON.stringify(me.body));
      assert.equal(me.body.user.id, r.body.user.id);
      // The session works on every /v1 route, not only /auth.
      assert.equal((await b.call('GET', '/v1/orders')).status, 200);

      const out = await b.call('POST', '/v1/auth/sign-out');
      assert.equal(out.status, 204);
      assert.equal(b.cookie, null, 'the cookie is cleared');
      const stale = new Browser(s);
      stale.cookie = r.headers.getSetCookie()[0].split(';')[0];
      assertError(await stale.call('GET', '/v1/auth/me'), 401, 'unauthorized');
    });

    test('a wrong password and an unknown email get the same 401, in Arabic and English', async () => {
      const wrong = await new Browser(s).call('POST', '/v1/auth/sign-in', { email: OWNER.email, password: 'not-the-password' });
      const unknown = await new Browser(s).call('POST', '/v1/auth/sign-in', { email: 'nobody@shop.example', password: 'not-the-password' });
      assertError(wrong, 401, 'invalid_credentials');
      assertError(unknown, 401, 'invalid_credentials');
      assert.deepEqual(wrong.body, unknown.body);
      assert.ok(wrong.body.error.message_ar && wrong.body.error.message_en, JSON.stringify(wrong.body));
      assert.equal(wrong.headers.getSetCookie().length, 0, 'no cookie on failure');
    });

    test('no cookie and no key is 401; a made-up cookie is 401', async () => {
      assertError(await new Browser(s).call('GET', '/v1/auth/me'), 401, 'unauthorized');
      const b = new Browser(s);
      b.cookie = 'wasl_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      assertError(await b.call('GET', '/v1/orders'), 401, 'unauthorized');
    });

    test('a session ends 14 days after sign-in or after 7 days unused, and use is noted at most once a minute', async () => {
      const b = new Browser(s);
      const r = await b.signIn(OWNER.email, OWNER.password);
      const userId = r.body.user.id;
      const newest = async () => (await s.db.query<{ id: string; last_seen_at: Date }>(
        `SELECT id, last_seen_at FROM user_sessions WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, [userId]))[0];
      const session = await newest();
      await s.db.query(`UPDATE user_sessions SET last_seen_at = now() - interval '2 minutes' WHERE id = $1`, [session.id]);
      assert.equal((await b.call('GET', '/v1/auth/me')).status, 200);
      const touched = (await newest()).last_seen_at;
      assert.ok(Date.now() - new Date(touched).getTime() < 60_000, 'last_seen_at moved to now');

      await s.db.query(`UPDATE user_sessions SET last_seen_at = now() - interval '7 days 1 minute' WHERE id = $1`, [session.id]);
      assertError(await b.call('GET', '/v1/auth/me'), 401);

      const c = new Browser(s);
      await c.signIn(OWNER.email, OWNER.password);
      await s.db.query(`UPDATE user_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [(await newest()).id]);
      assertError(await c.call('GET', '/v1/auth/me'), 401);
    });

    test('an API key caller is user null with the owner permissions; API keys need no csrf header', async () => {
      const me = await s.api('GET', '/v1/auth/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.user, null);
      assert.deepEqual([...me.body.permissions].sort(), Object.keys(PERMISSIONS).sort());
      assert.equal(me.body.store.id, s.storeId);
      const r = await s.api('PATCH', '/v1/store/settings', { locale: 'ar' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assertError(await s.api('PATCH', '/v1/auth/me', { language: 'en' }), 422, 'not_a_user');
    });
  });

  describe('your own profile', () => {
    test('language and digits are saved; null goes back to following the browser', async () => {
      const p = await person('support');
      const a = await p.browser.call('PATCH', '/v1/auth/me', { language: 'en', digits: 'arabic', name: 'Huda' });
      assert.equal(a.status, 200, JSON.stringify(a.body));
      assert.equal(a.body.user.language, 'en');
      assert.equal(a.body.user.digits, 'arabic');
      assert.equal(a.body.user.name, 'Huda');
      assert.equal((await p.browser.call('GET', '/v1/auth/me')).body.user.language, 'en');
      const b = await p.browser.call('PATCH', '/v1/auth/me', { language: null });
      assert.equal(b.body.user.language, null);
      assert.equal(b.body.user.digits, 'arabic', 'what is not sent stays');
      const bad = await p.browser.call('PATCH', '/v1/auth/me', { language: 'fr' });
      assertError(bad, 422);
      assert.ok(errorPaths(bad).includes('language'), JSON.stringify(bad.body));
    });

    test('a new password needs the right current one, signs other browsers out and keeps this one', async () => {
      const p = await person('finance');
      const other = new Browser(s);
      await other.signIn(p.email, p.password);

      const missing = await p.browser.call('PATCH', '/v1/auth/me', { new_password: 'a-new-password-1' });
      assertError(missing, 422);
      assert.deepEqual(errorPaths(missing), ['current_password']);
      const wrong = await p.browser.call('PATCH', '/v1/auth/me', { current_password: 'not-it-at-all', new_password: 'a-new-password-1' });
      assertError(wrong, 422, 'wrong_password');
      assert.deepEqual(errorPaths(wrong), ['current_password']);
      const short = await p.browser.call('PATCH', '/v1/auth/me', { current_password: p.password, new_password: 'short' });
      assertError(short, 422);
      assert.deepEqual(errorPaths(short), ['new_password']);

      const ok = await p.browser.call('PATCH', '/v1/auth/me', { current_password: p.password, new_password: 'a-new-password-1' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal((await p.browser.call('GET', '/v1/auth/me')).status, 200, 'this browser stays signed in');
      assertError(await other.call('GET', '/v1/auth/me'), 401);
      assertError(await new Browser(s).call('POST', '/v1/auth/sign-in', { email: p.email, password: p.password }), 401, 'invalid_credentials');
      await new Browser(s).signIn(p.email, 'a-new-password-1');
      const audit = await owner.call('GET', `/v1/audit?subject_id=${p.id}&type=user.profile_changed`);
      assert.deepEqual(audit.body.data[0].data, { changed: ['password'] });
    });
  });

  describe('invitations', () => {
    test('invite → open the link → accept: signed in with the role', async () => {
      const inv = await owner.call('POST', '/v1/invitations', { email: ' Agent.New@Shop.Example', role: 'confirmation_agent', name: 'Noura' });
      assert.equal(inv.status, 201, JSON.stringify(inv.body));
      assert.equal(inv.body.invitation.email, 'agent.new@shop.example');
      assert.equal(inv.body.invitation.role, 'confirmation_agent');
      const days = (new Date(inv.body.invitation.expires_at).getTime() - Date.now()) / 86_400_000;
      assert.ok(days > 6.9 && days <= 7, `expires in ${days} days`);
      assert.ok(inv.body.link.startsWith(`${s.url}/invite/`), inv.body.link);
      const token = inv.body.link.split('/invite/')[1];

      const pending = await owner.call('GET', '/v1/invitations');
      assert.ok(pending.body.data.some((i: any) => i.id === inv.body.invitation.id));
      assert.ok(!JSON.stringify(pending.body).includes(token), 'the token is shown once only');

      const info = await fetch(`${s.url}/v1/invitations/${token}`);
      assert.equal(info.status, 200);
      const body = (await info.json()) as any;
      assert.equal(body.email, 'agent.new@shop.example');
      assert.equal(body.role, 'confirmation_agent');
      assert.deepEqual(body.role_label, { ar: 'موظف تأكيد الطلبات', en: 'Confirmation agent' });
      assert.equal(body.store_name, 'My store');
      assert.ok(body.expires_at);

      const short = await new Browser(s).call('POST', `/v1/invitations/${token}/accept`, { name: 'Noura', password: 'short' });
      assertError(short, 422);
      assert.deepEqual(errorPaths(short), ['password']);

      const b = new Browser(s);
      const accepted = await b.call('POST', `/v1/invitations/${token}/accept`, { name: 'Noura', password: 'noura-password-1' });
      assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
      assert.ok(b.cookie, 'signed in');
      assert.equal(accepted.body.user.role, 'confirmation_agent');
      assert.ok(accepted.body.permissions.includes('call_queue.work'));
      assert.ok(!accepted.body.permissions.includes('settings.manage'));
      assert.equal((await b.call('GET', '/v1/auth/me')).body.user.email, 'agent.new@shop.example');
      assert.ok(!(await owner.call('GET', '/v1/invitations')).body.data.some((i: any) => i.id === inv.body.invitation.id), 'no longer pending');

      // Used: the link says so, and cannot make a second user.
      assertError(await new Browser(s).call('GET', `/v1/invitations/${token}`), 410, 'invitation_used');
      assertError(await new Browser(s).call('POST', `/v1/invitations/${token}/accept`, { name: 'x', password: 'another-password' }), 410, 'invitation_used');
      await new Browser(s).signIn('agent.new@shop.example', 'noura-password-1');
    });

    test('withdrawn, expired and unknown links are 410, 410 and 404 with a clear message', async () => {
      const a = await owner.call('POST', '/v1/invitations', { email: 'withdrawn@shop.example', role: 'support' });
      assert.equal((await owner.call('DELETE', `/v1/invitations/${a.body.invitation.id}`)).status, 204);
      const withdrawn = await new Browser(s).call('GET', `/v1/invitations/${a.body.link.split('/invite/')[1]}`);
      assertError(withdrawn, 410, 'invitation_revoked');
      assert.match(withdrawn.body.error.message, /withdrawn/);
      assert.ok(withdrawn.body.error.message_ar);
      assertError(await new Browser(s).call('POST', `/v1/invitations/${a.body.link.split('/invite/')[1]}/accept`, { name: 'x', password: 'password-123' }), 410, 'invitation_revoked');

      const b = await owner.call('POST', '/v1/invitations', { email: 'late@shop.example', role: 'support' });
      await s.db.query(`UPDATE user_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [b.body.invitation.id]);
      const expired = await new Browser(s).call('GET', `/v1/invitations/${b.body.link.split('/invite/')[1]}`);
      assertError(expired, 410, 'invitation_expired');
      assert.match(expired.body.error.message, /expired/);
      assert.ok(!(await owner.call('GET', '/v1/invitations')).body.data.some((i: any) => i.id === b.body.invitation.id), 'an expired one is not pending');

      assertError(await new Browser(s).call('GET', '/v1/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), 404, 'invitation_not_found');
      assertError(await new Browser(s).call('GET', '/v1/invitations/x'), 404, 'invitation_not_found');
    });

    test('an email that is already a user is 409 user_exists, on inviting and on accepting', async () => {
      const dup = await owner.call('POST', '/v1/invitations', { email: OWNER.email.toUpperCase(), role: 'support' });
      assertError(dup, 409, 'user_exists');
      assert.deepEqual(errorPaths(dup), ['email']);
      // A link out before the person became a user some other way.
      const c = await owner.call('POST', '/v1/invitations', { email: 'someone@shop.example', role: 'support' });
      await s.db.query(`UPDATE user_invitations SET email = $2 WHERE id = $1`, [c.body.invitation.id, OWNER.email]);
      assertError(await new Browser(s).call('POST', `/v1/invitations/${c.body.link.split('/invite/')[1]}/accept`, { name: 'x', password: 'password-123' }), 409, 'user_exists');
    });

    test('inviting an email again withdraws the earlier link', async () => {
      const first = await owner.call('POST', '/v1/invitations', { email: 'twice@shop.example', role: 'warehouse' });
      const second = await owner.call('POST', '/v1/invitations', { email: 'twice@shop.example', role: 'support' });
      assert.equal(second.status, 201);
      assertError(await new Browser(s).call('GET', `/v1/invitations/${first.body.link.split('/invite/')[1]}`), 410, 'invitation_revoked');
      assert.equal((await new Browser(s).call('GET', `/v1/invitations/${second.body.link.split('/invite/')[1]}`)).body.role, 'support');
    });
  });

  describe('roles', () => {
    test('a confirmation agent cannot change settings or see users, but lists orders and claims from the call queue', async () => {
      const set = await owner.call('PATCH', '/v1/store/settings', { verification: { steps: [{ channel: 'call', after_seconds: 0 }] } });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      const item = sku('USR');
      await stock(s, item, 5);
      const order = await place(s, orderBody({ customer: { name: 'ريم', phone: mobile() }, lines: [{ sku: item, quantity: 1, unit_price: '50.00' }] }));

      const agent = await person('confirmation_agent');
      const settings = await agent.browser.call('PATCH', '/v1/store/settings', { timezone: 'Africa/Cairo' });
      assertError(settings, 403, 'forbidden');
      assert.equal(settings.body.error.message, 'Your role (Confirmation agent) cannot change the store settings');
      assert.ok(settings.body.error.message_ar.includes('موظف تأكيد الطلبات'));
      assert.deepEqual(settings.body.error.details, []);
      assert.equal((await s.api('GET', '/v1/store')).body.timezone, 'Asia/Riyadh', 'nothing changed');
      assertError(await agent.browser.call('GET', '/v1/users'), 403, 'forbidden');
      assertError(await agent.browser.call('GET', '/v1/store'), 403, 'forbidden');
      assertError(await agent.browser.call('GET', '/v1/audit'), 403, 'forbidden');
      assertError(await agent.browser.call('POST', '/v1/invitations', { email: 'x@shop.example', role: 'owner' }), 403, 'forbidden');
      // Refused before the body is read: a forbidden caller learns nothing from validation.
      assertError(await agent.browser.call('PATCH', '/v1/store/settings', { timezone: 'Mars/Olympus' }), 403, 'forbidden');

      const list = await agent.browser.call('GET', '/v1/orders');
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.ok(list.body.data.some((o: any) => o.id === order.id));
      await waitFor('the order in the call queue', async () => (await s.api('GET', `/v1/orders/${order.id}`)).body.verification.status === 'call_queue');
      const claimed = await agent.browser.call('POST', '/v1/call-queue/claim');
      assert.equal(claimed.status, 200, JSON.stringify(claimed.body));
      assert.equal(claimed.body.order?.id, order.id);
      assert.equal(claimed.body.call.claimed_by, agent.id, 'the agent is the user');
      const call = await agent.browser.call('POST', `/v1/orders/${order.id}/calls`, { outcome: 'confirmed' });
      assert.equal(call.status, 200, JSON.stringify(call.body));
      const timeline = await s.api('GET', `/v1/orders/${order.id}/timeline`);
      const logged = timeline.body.data.find((e: any) => e.type === 'call.logged');
      assert.deepEqual(logged.actor, { type: 'user', id: agent.id, name: 'Person ' + agent.email.match(/(\d+)@/)![1] });
    });

    test('warehouse, support and finance see what their table says', async () => {
      const warehouse = await person('warehouse');
      assert.equal((await warehouse.browser.call('PUT', `/v1/inventory/${sku('WH')}`, { on_hand: 3 })).status, 200);
      assert.equal((await warehouse.browser.call('GET', '/v1/orders')).status, 200);
      assertError(await warehouse.browser.call('GET', '/v1/customers?phone=0501234567'), 403, 'forbidden');
      assertError(await warehouse.browser.call('POST', '/v1/call-queue/claim'), 403, 'forbidden');

      const support = await person('support');
      assert.equal((await support.browser.call('GET', '/v1/messages')).status, 200);
      assertError(await support.browser.call('PUT', `/v1/inventory/${sku('SP')}`, { on_hand: 3 }), 403, 'forbidden');

      const finance = await person('finance');
      assert.equal((await finance.browser.call('GET', '/v1/audit')).status, 200);
      assertError(await finance.browser.call('POST', '/v1/orders', orderBody()), 403, 'forbidden');
    });

    test('a manager manages the team but not owners', async () => {
      const manager = await person('manager');
      assert.equal((await manager.browser.call('GET', '/v1/users')).status, 200);
      assertError(await manager.browser.call('POST', '/v1/invitations', { email: 'boss2@shop.example', role: 'owner' }), 403, 'forbidden');
      const ownerId = (await owner.call('GET', '/v1/auth/me')).body.user.id;
      assertError(await manager.browser.call('PATCH', `/v1/users/${ownerId}`, { disabled: true }), 403, 'forbidden');
      const agent = await person('support', manager.browser);
      assertError(await manager.browser.call('PATCH', `/v1/users/${agent.id}`, { role: 'owner' }), 403, 'forbidden');
      const changed = await manager.browser.call('PATCH', `/v1/users/${agent.id}`, { role: 'warehouse' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.role, 'warehouse');
      // The new role applies to the person's very next request.
      assert.equal((await agent.browser.call('PUT', `/v1/inventory/${sku('MG')}`, { on_hand: 1 })).status, 200);
    });

    test('a cookie change without x-wasl-client: web is 403 csrf; reads need no header', async () => {
      const agent = await person('confirmation_agent');
      const noHeader = await agent.browser.call('POST', '/v1/call-queue/claim', undefined, { 'x-wasl-client': '' });
      assertError(noHeader, 403, 'csrf');
      const form = await agent.browser.call('POST', '/v1/auth/sign-out', undefined, { 'x-wasl-client': 'evil' });
      assertError(form, 403, 'csrf');
      assert.equal((await agent.browser.call('GET', '/v1/auth/me')).status, 200, 'still signed in');
      assert.equal((await agent.browser.call('POST', '/v1/call-queue/claim')).status, 200);
    });
  });

  describe('the team', () => {
    test('the last active owner cannot be demoted or disabled (409 last_owner); with a second owner they can', async () => {
      const me = (await owner.call('GET', '/v1/auth/me')).body.user;
      const demote = await owner.call('PATCH', `/v1/users/${me.id}`, { role: 'manager' });
      assertError(demote, 409, 'last_owner');
      assertError(await owner.call('PATCH', `/v1/users/${me.id}`, { disabled: true }), 409, 'last_owner');
      assertError(await s.api('PATCH', `/v1/users/${me.id}`, { disabled: true }), 409, 'last_owner');

      const second = await person('owner');
      const demoted = await second.browser.call('PATCH', `/v1/users/${second.id}`, { role: 'manager' });
      assert.equal(demoted.status, 200, 'one of two owners may step down');
      assertError(await owner.call('PATCH', `/v1/users/${me.id}`, { role: 'manager' }), 409, 'last_owner');

      const users = await owner.call('GET', '/v1/users?limit=200');
      assert.equal(users.status, 200);
      const row = users.body.data.find((u: any) => u.id === me.id);
      assert.equal(row.role, 'owner');
      assert.equal(row.disabled, false);
      assert.ok(row.last_sign_in_at);
      assert.ok(!JSON.stringify(users.body).includes('password'));
    });

    test('disabling a user ends their sessions at once; they cannot sign in until enabled', async () => {
      const p = await person('support');
      const second = new Browser(s);
      await second.signIn(p.email, p.password);
      const off = await owner.call('PATCH', `/v1/users/${p.id}`, { disabled: true });
      assert.equal(off.status, 200, JSON.stringify(off.body));
      assert.equal(off.body.disabled, true);
      assertError(await p.browser.call('GET', '/v1/auth/me'), 401);
      assertError(await second.call('GET', '/v1/orders'), 401);
      const count = await s.db.query(`SELECT 1 FROM user_sessions WHERE user_id = $1`, [p.id]);
      assert.equal(count.length, 0);
      const refused = await new Browser(s).call('POST', '/v1/auth/sign-in', { email: p.email, password: p.password });
      assertError(refused, 403, 'user_disabled');
      assert.ok(refused.body.error.message_ar);

      assert.equal((await owner.call('PATCH', `/v1/users/${p.id}`, { disabled: false })).status, 200);
      await new Browser(s).signIn(p.email, p.password);
    });
  });

  describe('audit log', () => {
    test('shows who changed the settings (names of settings, never secret values), newest first, paged', async () => {
      const me = (await owner.call('GET', '/v1/auth/me')).body.user;
      const secret = 'salla-secret-for-the-audit-test';
      assert.equal((await owner.call('PATCH', '/v1/store/settings', { timezone: 'Asia/Dubai' })).status, 200);
      assert.equal((await owner.call('PATCH', '/v1/store/settings', { integrations: { salla: { webhook_secret: secret } }, locale: 'ar' })).status, 200);

      const r = await owner.call('GET', '/v1/audit?type=store.settings_changed');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const [newest, older] = r.body.data;
      assert.deepEqual(newest.data, { changed: ['integrations'] }, 'locale did not change, so it is not named');
      assert.deepEqual(older.data, { changed: ['timezone'] });
      assert.deepEqual(newest.actor, { type: 'user', id: me.id, name: me.name });
      assert.equal(newest.subject_id, s.storeId);
      assert.ok(!JSON.stringify(r.body).includes(secret), 'no secret in the audit log');

      const mine = await owner.call('GET', `/v1/audit?actor_id=${me.id}&limit=2`);
      assert.equal(mine.body.data.length, 2);
      assert.ok(mine.body.data.every((e: any) => e.actor.id === me.id));
      assert.ok(mine.body.data[0].id > mine.body.data[1].id, 'newest first');
      const next = await owner.call('GET', `/v1/audit?actor_id=${me.id}&limit=2&cursor=${mine.body.next_cursor}`);
      assert.ok(next.body.data[0].id < mine.body.data[1].id, 'the next page goes on from the cursor');
      assertError(await owner.call('GET', '/v1/audit?cursor=bogus'), 400);

      const family = await owner.call('GET', '/v1/audit?type=user.*&limit=200');
      const types = new Set(family.body.data.map((e: any) => e.type));
      for (const t of ['user.signed_in', 'user.created', 'user.role_changed', 'user.disabled', 'user.enabled', 'user.profile_changed']) assert.ok(types.has(t), `${t} in ${[...types]}`);
      const invitations = await owner.call('GET', '/v1/audit?type=invitation.*&limit=200');
      const itypes = new Set(invitations.body.data.map((e: any) => e.type));
      for (const t of ['invitation.created', 'invitation.accepted', 'invitation.revoked']) assert.ok(itypes.has(t), `${t} in ${[...itypes]}`);
      assert.ok(!JSON.stringify([family.body, invitations.body]).match(/password_hash|token/), 'no hashes or tokens');
    });
  });

  describe('every /v1 route declares who may call it', () => {
    test('walking the registered routes: each /v1 route has a known permission, and the open ones are only these', () => {
      const routes = routeTable(s.running.app).filter((r) => r.url.startsWith('/v1'));
      assert.ok(routes.length > 40, `only ${routes.length} routes seen`);
      const known = new Set<string>([...Object.keys(PERMISSIONS), 'signed_in', 'public']);
      const undeclared = routes.filter((r) => !r.permission).map((r) => `${r.method} ${r.url}`);
      assert.deepEqual(undeclared, [], 'routes that declare no permission (they would be owner-only)');
      for (const r of routes) assert.ok(known.has(r.permission!), `${r.method} ${r.url}: unknown permission ${r.permission}`);
      const open = routes.filter((r) => r.permission === 'public' && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`).sort();
      assert.deepEqual(open, [
        'GET /v1/invitations/:token',
        'GET /v1/webhooks/whatsapp/:store_id',
        'POST /v1/auth/sign-in',
        'POST /v1/invitations/:token/accept',
        'POST /v1/webhooks/:platform/:store_id',
        'POST /v1/webhooks/sms/twilio/:store_id',
        'POST /v1/webhooks/whatsapp/:store_id',
      ]);
    });

    test('each declared route is guarded: 401 without credentials, 403 for a role without its permission', async () => {
      const routes = routeTable(s.running.app).filter((r) => r.url.startsWith('/v1') && r.permission !== 'public' && r.method !== 'HEAD');
      const warehouse = await person('warehouse');
      const allowed = new Set((await warehouse.browser.call('GET', '/v1/auth/me')).body.permissions as string[]);
      let forbidden = 0;
      for (const r of routes) {
        const path = r.url.replace(/:(\w+)/g, 'x');
        const body = ['POST', 'PUT', 'PATCH'].includes(r.method) ? {} : undefined;
        assertError(await new Browser(s).call(r.method, path, body), 401, 'unauthorized');
        if (r.permission === 'signed_in' || allowed.has(r.permission!)) continue;
        const refused = await warehouse.browser.call(r.method, path, body);
        assertError(refused, 403, 'forbidden');
        assert.match(refused.body.error.message, /^Your role \(Warehouse\) cannot /);
        forbidden += 1;
      }
      assert.ok(forbidden > 20, `${forbidden} routes refused a warehouse user`);
    });

    test('a route that declares nothing is for owners only', () => {
      const req = (role: string) => ({ routeOptions: { config: {} }, ctx: { role } }) as never;
      assert.doesNotThrow(() => authorize(req('owner')));
      assert.throws(() => authorize(req('manager')), (err: any) => err.status === 403 && err.code === 'forbidden');
      assert.throws(() => authorize(req('made_up_role')), (err: any) => err.status === 403);
    });
  });

  // Last: it fills the per-address failure count of 127.0.0.1, which every test shares.
  describe('sign-in limits', () => {
    test('after 10 failures for an email or from an address within 15 minutes, sign-in is 429 (the right password too)', async () => {
      clearSignInLimits();
      const p = await person('support');
      for (let i = 0; i < 10; i++) {
        assertError(await new Browser(s).call('POST', '/v1/auth/sign-in', { email: p.email, password: `wrong-guess-${i}` }), 401, 'invalid_credentials');
      }
      const blocked = await new Browser(s).call('POST', '/v1/auth/sign-in', { email: p.email, password: p.password });
      assertError(blocked, 429, 'too_many_attempts');
      assert.ok(blocked.body.error.message_ar && blocked.body.error.message_en);
      // The address has 10 failures as well: another account from it waits too.
      assertError(await new Browser(s).call('POST', '/v1/auth/sign-in', { email: OWNER.email, password: OWNER.password }), 429, 'too_many_attempts');
      // A signed-in browser is not affected.
      assert.equal((await p.browser.call('GET', '/v1/auth/me')).status, 200);
      clearSignInLimits();
      await new Browser(s).signIn(p.email, p.password);
    });
  });
});
