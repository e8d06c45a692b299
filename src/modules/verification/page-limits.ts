/**
 * Guessing links is pointless (192 random bits) but not free for us: an address that keeps
 * asking for links that do not exist is turned away for a while, and so is one hammering a
 * single page. Counted in this process's memory: several `serve` processes each count their own.
 */
const WINDOW_MS = 10 * 60_000;
const MAX_REQUESTS = 300;
const MAX_MISSES = 20;

interface Counter {
  since: number;
  requests: number;
  misses: number;
}
const counters = new Map<string, Counter>();

function counter(ip: string, now: number): Counter {
  let c = counters.get(ip);
  if (!c || now - c.since > WINDOW_MS) {
    c = { since: now, requests: 0, misses: 0 };
    counters.set(ip, c);
    if (counters.size > 50_000) for (const [k, v] of counters) if (now - v.since > WINDOW_MS) counters.delete(k);
  }
  return c;
}

/** Count a request; false when this address must wait. */
export function allowRequest(ip: string, now = Date.now()): boolean {
  const c = counter(ip, now);
  c.requests++;
  return c.requests <= MAX_REQUESTS && c.misses < MAX_MISSES;
}

/** A link that does not exist was asked for. */
export function countMiss(ip: string, now = Date.now()): void {
  counter(ip, now).misses++;
}

export function resetLimits(): void {
  counters.clear();
}
