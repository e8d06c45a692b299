import assert from 'node:assert/strict';
import { ProviderError } from './provider.ts';

/** Runs `fn` and returns the ProviderError it must throw (for the providers' tests). */
export async function failure(fn: () => Promise<unknown>): Promise<ProviderError> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof ProviderError, `expected a ProviderError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the send to fail');
}
