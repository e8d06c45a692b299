import { summarize, type Summary } from './report.ts';

/** One request of a load run: resolves with the HTTP status and its latency in ms. */
export type Fire = () => Promise<{ status: number; ms: number; body?: string }>;

export interface LoadResult {
  /** Requests answered 2xx inside the measured window. */
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  seconds: number;
  rate: number;
  latency: Summary;
  /** A few failure bodies, to say what went wrong. */
  samples: string[];
}

function collector() {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const samples: string[] = [];
  let ok = 0;
  let failed = 0;
  return {
    add(status: number, ms: number, body?: string) {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) {
        ok++;
        latencies.push(ms);
      } else {
        failed++;
        if (samples.length < 3) samples.push(`${status} ${(body ?? '').slice(0, 300)}`);
      }
    },
    error(err: unknown) {
      failed++;
      statuses.error = (statuses.error ?? 0) + 1;
      if (samples.length < 3) samples.push(String(err));
    },
    result(seconds: number): LoadResult {
      return { ok, failed, statuses, seconds, rate: ok / seconds, latency: summarize(latencies), samples };
    },
  };
}

/**
 * Closed loop: `concurrency` workers, each sending its next request as soon as the last one is
 * answered, for `warmupMs` (not counted) and then `durationMs` (counted: requests that both
 * start and finish inside the window).
 */
export async function closedLoop(opts: { concurrency: number; durationMs: number; warmupMs?: number; fire: Fire }): Promise<LoadResult> {
  const c = collector();
  const warmupEnd = performance.now() + (opts.warmupMs ?? 0);
  const end = warmupEnd + opts.durationMs;
  let measuredStart = NaN;
  async function worker() {
    for (;;) {
      const start = performance.now();
      if (start >= end) return;
      const counted = start >= warmupEnd;
      try {
        const r = await opts.fire();
        if (counted && performance.now() <= end) c.add(r.status, r.ms, r.body);
      } catch (err) {
        if (counted) c.error(err);
      }
    }
  }
  const workers = Array.from({ length: opts.concurrency }, worker);
  await new Promise((r) => setTimeout(r, Math.max(0, warmupEnd - performance.now())));
  measuredStart = performance.now();
  await Promise.all(workers);
  return c.result((Math.min(end, performance.now()) - measuredStart) / 1000);
}

/**
 * Open loop at a fixed rate: request k is due at t0 + k/rate and is sent then whether or not
 * earlier ones have been answered (no coordinated omission). Its latency counts from the moment
 * it was due, so time spent queued in the client (all sockets busy) is part of it.
 */
export async function openLoop(opts: { rate: number; durationMs: number; warmupMs?: number; fire: Fire; maxInFlight?: number }): Promise<LoadResult & { dropped: number; maxInFlight: number; drainSeconds: number }> {
  const c = collector();
  const warm = opts.warmupMs ?? 0;
  const total = Math.floor(((warm + opts.durationMs) / 1000) * opts.rate);
  const firstCounted = Math.floor((warm / 1000) * opts.rate);
  const limit = opts.maxInFlight ?? 2000;
  const t0 = performance.now() + 10;
  let sent = 0;
  let inFlight = 0;
  let peak = 0;
  let dropped = 0;
  const pending: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && t0 + (sent * 1000) / opts.rate <= now) {
        const k = sent++;
        const due = t0 + (k * 1000) / opts.rate;
        const counted = k >= firstCounted;
        if (inFlight >= limit) {
          if (counted) dropped++;
          continue;
        }
        inFlight++;
        peak = Math.max(peak, inFlight);
        pending.push(
          opts.fire().then(
            (r) => {
              inFlight--;
              if (counted) c.add(r.status, performance.now() - due, r.body);
            },
            (err) => {
              inFlight--;
              if (counted) c.error(err);
            },
          ),
        );
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    setTimeout(tick, 10);
  });
  const lastDue = t0 + ((total - 1) * 1000) / opts.rate;
  await Promise.all(pending);
  // Throughput: counted orders over the time from the first counted one being due to the last
  // answer, so a server that falls behind shows a rate below the offered one.
  const firstDue = t0 + (firstCounted * 1000) / opts.rate;
  const r = c.result((performance.now() - firstDue) / 1000);
  return { ...r, dropped, maxInFlight: peak, drainSeconds: (performance.now() - lastDue) / 1000 };
}
