import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StoreInfo } from '../../platform/context.ts';
import { deliveryWindows } from './delivery-windows.ts';

const store = (settings: Record<string, unknown> = {}, timezone = 'Asia/Riyadh'): StoreInfo => ({
  id: 'str_x', name: 'S', country: 'SA', currency: 'SAR', timezone, locale: 'ar', settings,
});

test('windows start tomorrow in the store time zone and skip Fridays by default', () => {
  // Thursday 2026-11-26 22:30 in Riyadh is already Thursday 19:30 UTC: tomorrow is Friday (closed).
  const w = deliveryWindows(store(), new Date('2026-11-26T19:30:00Z'));
  const dates = [...new Set(w.map((x) => x.date))];
  assert.deepEqual(dates, ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  assert.equal(w.length, 15);
  assert.deepEqual(w[0], { value: '2026-11-28|09:00|13:00', date: '2026-11-28', from: '09:00', to: '13:00' });
});

test('the store date, not the UTC date, decides what "tomorrow" is', () => {
  // 21:30 UTC on the 23rd is already the 24th in Riyadh (UTC+3): tomorrow there is the 25th.
  const w = deliveryWindows(store({ delivery: { closed_weekdays: [] } }), new Date('2026-11-23T21:30:00Z'));
  assert.equal(w[0].date, '2026-11-25');
  const cairo = deliveryWindows(store({ delivery: { closed_weekdays: [] } }, 'Africa/Cairo'), new Date('2026-11-23T21:30:00Z'));
  assert.equal(cairo[0].date, '2026-11-24');
});

test("a store's own slots and days are used", () => {
  const w = deliveryWindows(store({ delivery: { slots: [{ from: '16:00', to: '22:00' }], days_ahead: 2, closed_weekdays: [] } }), new Date('2026-11-23T08:00:00Z'));
  assert.deepEqual(w.map((x) => x.value), ['2026-11-24|16:00|22:00', '2026-11-25|16:00|22:00']);
});
