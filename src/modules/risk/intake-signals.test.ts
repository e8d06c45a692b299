import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SIGNAL_CODES, assessIntake, riskyArea, type IntakeFacts } from './intake-signals.ts';

const past = (n: number) => ({ n, last_number: 1042, last_at: new Date('2026-10-01T12:00:00Z') });
const base: IntakeFacts = { phoneValid: true, phoneType: 'mobile', autoConfirmAfter: 2 };
const arabic = /[\u0600-\u06FF]/;

test('a clean new order: low, verify, no reasons', () => {
  assert.deepEqual(assessIntake(base, 'ar'), { level: 'low', score: 0, recommendation: 'verify', reasons: [] });
});

test('every signal reads in Arabic and English, in the store language by default', () => {
  const seen = new Set<string>();
  const cases: [IntakeFacts, string][] = [
    [{ ...base, phoneValid: false }, 'phone_invalid'],
    [{ ...base, phoneType: 'fixed_line' }, 'phone_landline'],
    [{ ...base, history: { refused: past(1) } }, 'earlier_refused'],
    [{ ...base, history: { returned: past(1) } }, 'earlier_returned'],
    [{ ...base, history: { ghost: past(1) } }, 'earlier_ghost'],
    [{ ...base, history: { delivered: past(3) } }, 'good_customer'],
    [{ ...base, lists: { blocked: [{ type: 'phone', reason: 'fraud' }], allowed: [] } }, 'blocklisted'],
    [{ ...base, lists: { blocked: [], allowed: [{ type: 'email', reason: 'VIP' }] } }, 'allowlisted'],
    [{ ...base, disposableDomain: 'mailinator.com' }, 'disposable_email'],
    [{ ...base, addressIncomplete: true }, 'address_incomplete'],
    [{ ...base, velocity: { phone: 4, email: 0, ip: 0, address: 5, window_hours: 24 } }, 'velocity'],
    [{ ...base, duplicates: [{ number: 1043, placed_at: new Date('2026-11-30T08:00:00Z'), skus: ['SKU-1'] }] }, 'duplicate_open_order'],
    [{ ...base, size: { totalMinor: 150_000n, units: 1, currency: 'SAR', baseline: { total_p95_minor: 40_000, quantity_p95: 3 } } }, 'unusual_value'],
    [{ ...base, size: { totalMinor: 1_000n, units: 12, currency: 'SAR', baseline: { total_p95_minor: 40_000, quantity_p95: 3 } } }, 'unusual_quantity'],
    [{ ...base, areas: [{ name: 'Al Olaya, Riyadh', settled: 30, refused: 12 }] }, 'area_refusals'],
    [{ ...base, firstOrder: true }, 'first_order'],
    [{ ...base, history: { delivered: past(1) } }, 'returning_customer'],
  ];
  for (const [facts, code] of cases) {
    for (const locale of ['ar', 'en']) {
      const r = assessIntake(facts, locale).reasons.find((x) => x.code === code);
      assert.ok(r, `${code} fires`);
      assert.match(r.message_ar, arabic, `${code} has Arabic`);
      assert.doesNotMatch(r.message_en, arabic, `${code} English is English`);
      assert.equal(r.message, locale === 'ar' ? r.message_ar : r.message_en);
    }
    seen.add(code);
  }
  assert.deepEqual([...seen].sort(), [...SIGNAL_CODES].sort(), 'every signal is covered');
});

test('the reason names the earlier order and its date, so an agent can read it aloud', () => {
  const r = assessIntake({ ...base, history: { refused: past(2) } }, 'en').reasons[0];
  assert.equal(r.message_en, 'Refused 2 earlier orders at the door (the last: order 1042 on 1 Oct 2026). Through a linked customer.');
  const via = assessIntake({ ...base, history: { refused: { ...past(1), via: ['phone', 'address'] } } }, 'en').reasons[0];
  assert.equal(via.message_en, 'Refused 1 earlier order at the door (the last: order 1042 on 1 Oct 2026). Same phone and address.');
  assert.match(via.message_ar, /بنفس رقم الجوال والعنوان/);
  assert.match(r.message_ar, /1042/);
  assert.match(r.message_ar, /1 أكتوبر 2026/);
  assert.deepEqual(r.evidence, past(2));
});

test('recommendations: one refusal verifies, a ghost asks for prepayment, two refusals hold, a blocklist blocks', () => {
  assert.equal(assessIntake({ ...base, history: { refused: past(1) } }, 'en').recommendation, 'verify');
  assert.equal(assessIntake({ ...base, history: { ghost: past(1) } }, 'en').recommendation, 'require_prepayment');
  const two = assessIntake({ ...base, history: { refused: past(5) } }, 'en');
  assert.equal(two.recommendation, 'hold');
  assert.equal(two.score, 70, 'refusals count up to two');
  const blocked = assessIntake({ ...base, history: { delivered: past(9) }, lists: { blocked: [{ type: 'ip', reason: 'x' }], allowed: [{ type: 'phone', reason: 'y' }] } }, 'en');
  assert.equal(blocked.level, 'blocked');
  assert.equal(blocked.recommendation, 'block', 'the blocklist wins over good history and the allowlist');
});

test('good customers are auto-confirmed only with nothing against them; the allowlist auto-confirms', () => {
  assert.equal(assessIntake({ ...base, history: { delivered: past(2) } }, 'en').recommendation, 'auto_confirm');
  assert.equal(assessIntake({ ...base, history: { delivered: past(1) } }, 'en').recommendation, 'verify');
  assert.equal(assessIntake({ ...base, history: { delivered: past(5), refused: past(1) } }, 'en').recommendation, 'verify');
  assert.equal(assessIntake({ ...base, autoConfirmAfter: 0, history: { delivered: past(5) } }, 'en').recommendation, 'verify');
  assert.equal(assessIntake({ ...base, lists: { blocked: [], allowed: [{ type: 'phone', reason: 'friend' }] } }, 'en').recommendation, 'auto_confirm');
});

test("the store's weights and thresholds replace the defaults", () => {
  const one = { ...base, history: { refused: past(1) } };
  assert.equal(assessIntake(one, 'en', { weights: { earlier_refused: 80 } }).recommendation, 'hold');
  assert.equal(assessIntake(one, 'en', { hold_at: 30 }).recommendation, 'hold');
  assert.equal(assessIntake(one, 'en', { prepayment_at: 30 }).recommendation, 'require_prepayment');
  assert.equal(assessIntake({ ...base, phoneValid: false }, 'en', { weights: { phone_invalid: 0 } }).score, 0);
});

test('each new signal says what an agent can check, in both languages', () => {
  const say = (facts: Partial<IntakeFacts>, code: string) => {
    const r = assessIntake({ ...base, ...facts }, 'en').reasons.find((x) => x.code === code);
    assert.ok(r, code);
    return r;
  };
  const burst = say({ velocity: { phone: 4, email: 1, ip: 3, address: 0, window_hours: 24 } }, 'velocity');
  assert.equal(burst.message_en, 'Many orders in a short time: 4 from this phone, 3 from this IP address in the last 24 hours.');
  assert.equal(burst.message_ar, 'طلبات كثيرة في وقت قصير: 4 من هذا الرقم، 3 من عنوان IP نفسه خلال آخر 24 ساعة.');
  const dup = say({ duplicates: [{ number: 1043, placed_at: new Date('2026-11-30T08:00:00Z'), skus: ['SKU-1'] }] }, 'duplicate_open_order');
  assert.equal(dup.message_en, 'The same product (SKU-1) is already on open order 1043 of this customer (placed 30 Nov 2026).');
  assert.match(dup.message_ar, /الطلب 1043 بتاريخ 30 نوفمبر 2026/);
  const value = say({ size: { totalMinor: 150_000n, units: 1, currency: 'SAR', baseline: { total_p95_minor: 40_000, quantity_p95: 3 } } }, 'unusual_value');
  assert.equal(value.message_en, "The order total (1500.00 SAR) is far above the store's usual: 95% of orders are 400.00 SAR or less.");
  const area = say({ areas: [{ name: 'Al Olaya, Riyadh', settled: 30, refused: 12 }] }, 'area_refusals');
  assert.equal(area.message_en, 'Parcels to Al Olaya, Riyadh are often refused: 12 of 30 (40%).');
  assert.equal(area.message_ar, 'كثيرًا ما تُرفض الشحنات إلى Al Olaya, Riyadh: 12 من 30 (40٪).');
  assert.equal(say({ disposableDomain: 'yopmail.com' }, 'disposable_email').message_en, 'The email address is a throwaway one (yopmail.com): it will not reach the customer later.');
});

test('thresholds: a burst needs max_orders by one key, the area needs enough parcels, size needs a baseline', () => {
  const v = (phone: number, settings = {}) => assessIntake({ ...base, velocity: { phone, email: 0, ip: 0, address: 0, window_hours: 24 } }, 'en', settings);
  assert.ok(!v(2).reasons.length, 'two other orders in a day is normal');
  assert.ok(v(3).reasons.some((r) => r.code === 'velocity'));
  assert.ok(!v(3, { velocity: { max_orders: 5 } }).reasons.length, 'the store may allow more');
  // The district has too few parcels: its city is judged instead.
  const areas = [{ name: 'District', settled: 5, refused: 5 }, { name: 'City', settled: 100, refused: 10 }];
  assert.equal(riskyArea(areas, {}), null, 'the city refuses 10%: fine');
  assert.equal(riskyArea([{ ...areas[0] }, { name: 'City', settled: 100, refused: 40 }], {})?.name, 'City');
  assert.equal(riskyArea([{ name: 'District', settled: 25, refused: 10 }, areas[1]], {})?.name, 'District');
  const size = (totalMinor: bigint, units: number, baseline: { total_p95_minor: number; quantity_p95: number } | null) =>
    assessIntake({ ...base, size: { totalMinor, units, currency: 'SAR', baseline } }, 'en').reasons.map((r) => r.code);
  assert.deepEqual(size(79_999n, 3, { total_p95_minor: 40_000, quantity_p95: 1 }), [], 'under twice the usual, and a couple of extra items');
  assert.deepEqual(size(80_001n, 6, { total_p95_minor: 40_000, quantity_p95: 2 }), ['unusual_value', 'unusual_quantity']);
  assert.deepEqual(size(10_000_000n, 100, null), [], 'a store without enough orders has no usual');
});

test('a clean returning customer lowers the score (never below 0); a first order carries a little risk', () => {
  const returning = assessIntake({ ...base, history: { delivered: past(1) } }, 'en');
  assert.equal(returning.score, 0, 'never below zero');
  assert.equal(returning.reasons[0].weight, -15);
  const mixed = assessIntake({ ...base, history: { delivered: past(1), returned: past(1) } }, 'en');
  assert.ok(!mixed.reasons.some((r) => r.code === 'returning_customer'), 'deliveries do not discount a return');
  const first = assessIntake({ ...base, firstOrder: true }, 'en');
  assert.equal(first.score, 10);
  assert.equal(first.level, 'low');
  assert.equal(first.recommendation, 'verify');
});

test('assessing the same facts twice gives the same assessment (re-running is idempotent)', () => {
  const facts: IntakeFacts = { ...base, firstOrder: false, history: { refused: past(1), delivered: past(3) }, velocity: { phone: 5, email: 0, ip: 0, address: 0, window_hours: 24 } };
  assert.deepEqual(assessIntake(facts, 'ar'), assessIntake(structuredClone(facts), 'ar'));
});
