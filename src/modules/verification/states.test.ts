import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/errors.ts';
import { CASCADE_STATUSES, CASCADE_TRANSITIONS, assertCascade, isOpen } from './states.ts';

test('every pair of cascade statuses is either allowed by the table or refused with a 409', () => {
  for (const from of CASCADE_STATUSES) {
    for (const to of CASCADE_STATUSES) {
      const allowed = CASCADE_TRANSITIONS[from].includes(to);
      if (allowed) assert.doesNotThrow(() => assertCascade(from, to), `${from} → ${to}`);
      else {
        assert.throws(() => assertCascade(from, to), (e: unknown) => e instanceof AppError && e.status === 409 && e.code === 'verification_closed', `${from} → ${to}`);
      }
    }
  }
});

test('finished confirmations are final; open ones can always end in confirmed or cancelled', () => {
  for (const s of CASCADE_STATUSES) {
    if (isOpen(s)) {
      assert.ok(CASCADE_TRANSITIONS[s].includes('confirmed'));
      assert.ok(CASCADE_TRANSITIONS[s].includes('cancelled'));
    } else assert.deepEqual(CASCADE_TRANSITIONS[s], []);
  }
});

test('only an order that reached a person (or never got a message) can become ghost', () => {
  const toGhost = CASCADE_STATUSES.filter((s) => CASCADE_TRANSITIONS[s].includes('ghost'));
  assert.deepEqual(toGhost, ['pending', 'call_queue']);
});
