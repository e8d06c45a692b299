// Failed sign-ins per email and per IP address, kept in this process's memory: enough to make
// password guessing slow (10 tries per 15 minutes), with nothing to clean up in the database.
// Each `wasl serve` process counts on its own and a restart forgets, so behind N processes a
// guesser gets up to N × 10 tries; argon2 keeps each one expensive all the same.
const WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES = 10;

const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const times = (failures.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
  if (times.length) failures.set(key, times);
  else failures.delete(key);
  return times;
}

const keys = (email: string, ip: string) => [`email:${email}`, `ip:${ip}`];

/** More than MAX_FAILURES failures for this email or from this address in the window. */
export function signInBlocked(email: string, ip: string, now = Date.now()): boolean {
  return keys(email, ip).some((k) => recent(k, now).length >= MAX_FAILURES);
}

export function countFailure(email: string, ip: string, now = Date.now()) {
  // A flood of made-up emails must not grow the map without end: past this, start afresh.
  if (failures.size > 50_000) failures.clear();
  for (const k of keys(email, ip)) failures.set(k, [...recent(k, now), now].slice(-MAX_FAILURES * 2));
}

/**
 * The right password clears the email's count, not the address's: else a guesser with an account
 * of their own could sign in to it between guesses and never be stopped.
 */
export function forgetFailures(email: string) {
  failures.delete(`email:${email}`);
}

/** Forget every count (tests, which all sign in from 127.0.0.1). */
export function clearSignInLimits() {
  failures.clear();
}
