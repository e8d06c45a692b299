import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/errors.ts';
import { ORDER_STATUSES, ORDER_TRANSITIONS, assertTransition, canTransition } from './states.ts';

test('every pair of statuses is either allowed by the table or refused with a 409', () => {
  let allowed = 0;
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      if (ORDER_TRANSITIONS[from].includes(to)) {
        assert.equal(canTransition(from, to), true);
        assert.doesNotThrow(() => assertTransition(from, to));
        allowed++;
      } else {
        assert.equal(canTransition(from, to), false, `${from} → ${to}`);
        assert.throws(() => assertTransition(from, to), (e: unknown) => e instanceof AppError && e.status === 409 && e.code === 'invalid_transition');
      }
    }
  }
  assert.equal(allowed, 17);
});

test('cancelled and returned are final; a shipped order can no longer be cancelled', () => {
  assert.deepEqual(ORDER_TRANSITIONS.cancelled, []);
  assert.deepEqual(ORDER_TRANSITIONS.returned, []);
  assert.equal(canTransition('shipped', 'cancelled'), false);
  assert.equal(canTransition('pending', 'cancelled'), true);
});

test('the refusal names what the order can still become', () => {
  try {
    assertTransition('shipped', 'confirmed');
    assert.fail('expected a refusal');
  } catch (e) {
    assert.match((e as Error).message, /shipped cannot become confirmed \(it can become: delivered, returned\)/);
  }
});
