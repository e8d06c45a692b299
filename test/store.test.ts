import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, startTestServer, type TestServer } from './harness.ts';
import { assertError, errorPaths } from './helpers.ts';

describe(`store, keys and settings (${dbLabel})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.stop());

  const raw = async (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) => {
    const res = await fetch(`${s.url}${path}`, { ...init, headers });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { status: res.status, body: body as any };
  };

  describe('API keys', () => {
    test('no Authorization header is 401 in the error shape', async () => {
      assertError(await raw('/v1/store'), 401, 'unauthorized');
      assertError(await raw('/v1/orders'), 401, 'unauthorized');
    });

    test('a wrong key is 401', async () => {
      assertError(await raw('/v1/store', { authorization: 'Bearer wasl_this_is_not_a_key_that_exists_0000000' }), 401, 'unauthorized');
      // The right key with one character changed.
      const bent = s.key.slice(0, -1) + (s.key.endsWith('A') ? 'B' : 'A');
      assertError(await raw('/v1/store', { authorization: `Bearer ${bent}` }), 401, 'unauthorized');
    });

    test('a malformed Authorization header is 401', async () => {
      for (const authorization of ['Bearer', 'Bearer ', `Basic ${Buffer.from(`x:${s.key}`).toString('base64')}`, s.key, `Bearer ${s.key} extra`]) {
        assertError(await raw('/v1/store', { authorization }), 401);
      }
    });

    test('a write (PUT) without a key is 401 and has no effect', async () => {
      const res = await fetch(`${s.url}/v1/products/NOKEY`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x', price: '1' }),
      });
      assert.equal(res.status, 401);
      assertError(await s.api('GET', '/v1/products/NOKEY'), 404, 'not_found');
    });

    test('the right key works, with "bearer" in any case', async () => {
      assert.equal((await raw('/v1/store', { authorization: `Bearer ${s.key}` })).status, 200);
      assert.equal((await raw('/v1/store', { authorization: `bearer ${s.key}` })).status, 200);
    });
  });

  describe('GET /v1/store', () => {
    test('has id, name, country, currency, timezone, locale and settings; the id is the webhook store id', async () => {
      const r = await s.api('GET', '/v1/store');
      assert.equal(r.status, 200);
      for (const field of ['id', 'name', 'country', 'currency', 'timezone', 'locale', 'settings']) {
        assert.ok(field in r.body, `missing ${field}`);
      }
      assert.equal(r.body.id, s.storeId);
      assert.match(r.body.country, /^[A-Z]{2}$/);
      assert.match(r.body.currency, /^[A-Z]{3}$/);
      assert.doesNotThrow(() => new Intl.DateTimeFormat('en', { timeZone: r.body.timezone }));
      assert.equal(typeof r.body.settings, 'object');
    });

    test('the default verification steps are sms 60, whatsapp 14400, email 14400, call 14400', async () => {
      const r = await s.api('GET', '/v1/store');
      assert.deepEqual(r.body.settings.verification.steps, [
        { channel: 'sms', after_seconds: 60 },
        { channel: 'whatsapp', after_seconds: 14400 },
        { channel: 'email', after_seconds: 14400 },
        { channel: 'call', after_seconds: 14400 },
      ]);
    });
  });

  describe('PATCH /v1/store/settings', () => {
    test('patches merge: two storefront secrets patched one after the other are both kept, and never returned', async () => {
      const shopifySecret = 'shpss_super_secret_value_1';
      const sallaSecret = 'salla-secret-value-2';
      const a = await s.api('PATCH', '/v1/store/settings', { integrations: { shopify: { webhook_secret: shopifySecret } } });
      assert.equal(a.status, 200, JSON.stringify(a.body));
      const b = await s.api('PATCH', '/v1/store/settings', { integrations: { salla: { webhook_secret: sallaSecret } } });
      assert.equal(b.status, 200, JSON.stringify(b.body));
      const got = await s.api('GET', '/v1/store');
      assert.equal(got.body.settings.integrations.shopify.webhook_secret_set, true);
      assert.equal(got.body.settings.integrations.salla.webhook_secret_set, true);
      for (const r of [a, b, got]) {
        const text = JSON.stringify(r.body);
        assert.ok(!text.includes(shopifySecret) && !text.includes(sallaSecret), `a secret leaked: ${text}`);
        assert.ok(!('webhook_secret' in (r.body.settings.integrations.shopify ?? {})));
      }
      // The rest of the settings survived the patches.
      assert.equal(got.body.settings.verification.steps.length, 4);
    });

    test('null removes a key', async () => {
      await s.api('PATCH', '/v1/store/settings', { integrations: { woocommerce: { webhook_secret: 'wc-secret-12345' } } });
      const r = await s.api('PATCH', '/v1/store/settings', { integrations: { woocommerce: null } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const got = await s.api('GET', '/v1/store');
      assert.ok(!('woocommerce' in got.body.settings.integrations), JSON.stringify(got.body.settings.integrations));
      assert.equal(got.body.settings.integrations.shopify?.webhook_secret_set, true, 'siblings stay');
    });

    test('messaging providers: tokens, passwords and SMTP URLs are never returned; null removes one provider', async () => {
      const authToken = 'twilio-auth-token-abcdef123456';
      const accessToken = 'EAAG-whatsapp-access-token-987654';
      const appSecret = 'meta-app-secret-55555';
      const smtpUrl = 'smtp://mailer:p4ssw0rd-xyz@127.0.0.1:2525';
      const r = await s.api('PATCH', '/v1/store/settings', {
        messaging: {
          sms: { provider: 'twilio', account_sid: 'AC123', auth_token: authToken, from: '+15005550006' },
          whatsapp: { phone_number_id: '1234567890', access_token: accessToken, app_secret: appSecret, verify_token: 'verify-me-please' },
          email: { smtp_url: smtpUrl, from: 'shop@example.com' },
        },
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const got = await s.api('GET', '/v1/store');
      const text = JSON.stringify(got.body);
      for (const secret of [authToken, accessToken, appSecret, 'verify-me-please', 'p4ssw0rd-xyz']) {
        assert.ok(!text.includes(secret), `secret ${secret} is returned: ${text}`);
      }
      assert.equal(got.body.settings.messaging.sms.account_sid, 'AC123', 'what is not secret is shown');
      assert.equal(got.body.settings.messaging.sms.auth_token_set, true);
      assert.equal(got.body.settings.messaging.whatsapp.access_token_set, true);

      const removed = await s.api('PATCH', '/v1/store/settings', { messaging: { sms: null } });
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      const after2 = await s.api('GET', '/v1/store');
      assert.ok(!('sms' in after2.body.settings.messaging));
      assert.ok('whatsapp' in after2.body.settings.messaging && 'email' in after2.body.settings.messaging);
    });

    test('timezone, locale and verification steps change; steps replace the list', async () => {
      const r = await s.api('PATCH', '/v1/store/settings', {
        timezone: 'Africa/Cairo',
        verification: { steps: [{ channel: 'whatsapp', after_seconds: 0 }, { channel: 'call', after_seconds: 3600 }] },
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const got = await s.api('GET', '/v1/store');
      assert.equal(got.body.timezone, 'Africa/Cairo');
      assert.deepEqual(got.body.settings.verification.steps, [{ channel: 'whatsapp', after_seconds: 0 }, { channel: 'call', after_seconds: 3600 }]);
    });

    test('an invalid timezone is 422 on timezone, and nothing changes', async () => {
      const before2 = (await s.api('GET', '/v1/store')).body;
      const r = await s.api('PATCH', '/v1/store/settings', { timezone: 'Mars/Olympus_Mons', locale: 'en' });
      assertError(r, 422);
      assert.ok(errorPaths(r).includes('timezone'), JSON.stringify(r.body));
      const after2 = (await s.api('GET', '/v1/store')).body;
      assert.equal(after2.timezone, before2.timezone);
      assert.equal(after2.locale, before2.locale, 'a refused patch changes nothing at all');
    });

    test('invalid verification steps are 422 with the step path', async () => {
      const channel = await s.api('PATCH', '/v1/store/settings', { verification: { steps: [{ channel: 'fax', after_seconds: 60 }] } });
      assertError(channel, 422);
      assert.ok(errorPaths(channel).includes('verification.steps[0].channel'), JSON.stringify(channel.body));
      const negative = await s.api('PATCH', '/v1/store/settings', { verification: { steps: [{ channel: 'sms', after_seconds: 60 }, { channel: 'sms', after_seconds: -5 }] } });
      assertError(negative, 422);
      assert.ok(errorPaths(negative).includes('verification.steps[1].after_seconds'), JSON.stringify(negative.body));
      const empty = await s.api('PATCH', '/v1/store/settings', { verification: { steps: [] } });
      assertError(empty, 422);
      assert.ok(errorPaths(empty).some((p) => p.startsWith('verification.steps')), JSON.stringify(empty.body));
    });

    test('a too-short storefront secret and an unknown setting are 422 with the path', async () => {
      const short = await s.api('PATCH', '/v1/store/settings', { integrations: { shopify: { webhook_secret: 'abc' } } });
      assertError(short, 422);
      assert.ok(errorPaths(short).includes('integrations.shopify.webhook_secret'), JSON.stringify(short.body));
      const got = await s.api('GET', '/v1/store');
      assert.equal(got.body.settings.integrations.shopify.webhook_secret_set, true, 'the old secret is kept');
      const bad = await s.api('PATCH', '/v1/store/settings', { default_country: 'Saudi Arabia' });
      assertError(bad, 422);
      assert.ok(errorPaths(bad).includes('default_country'), JSON.stringify(bad.body));
    });
  });
});
