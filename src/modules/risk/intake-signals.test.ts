import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SIGNAL_CODES, assessIntake, type IntakeFacts } from './intake-signals.ts';

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
  assert.equal(r.message_en, 'Refused 2 earlier orders at the door (the last: order 1042 on 2026-10-01).');
  assert.match(r.message_ar, /1042/);
  assert.match(r.message_ar, /2026-10-01/);
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
