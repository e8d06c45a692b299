import PgBoss from 'pg-boss';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'pino';
import type { Database, Sql } from './db.ts';

/**
 * Background work on pg-boss, on the same database as everything else (PGlite included), and
 * the outbox relay that turns committed domain events into pg-boss jobs for their subscribers.
 */
export interface DomainEvent {
  id: string;
  store_id: string;
  type: string;
  subject_id: string | null;
  actor: Record<string, unknown>;
  data: Record<string, unknown>;
  created_at: string;
}

export type EventHandler = (event: DomainEvent) => Promise<void>;
export type JobHandler<T> = (data: T) => Promise<void>;

export interface Jobs {
  boss: PgBoss;
  /** `name` is the subscriber's own queue: each subscriber gets every event once (or more: be idempotent). */
  onEvent(type: string, name: string, handler: EventHandler): Promise<void>;
  /**
   * `batchSize` jobs are fetched at once and run `concurrency` at a time; a job that throws
   * fails its whole batch (retried later), so handlers must be idempotent.
   */
  onJob<T extends object>(name: string, handler: JobHandler<T>, opts?: { batchSize?: number; concurrency?: number }): Promise<void>;
  send(name: string, data: object, opts?: PgBoss.SendOptions & { tx?: Sql }): Promise<string | null>;
  /** Many jobs in one statement, in the caller's transaction when `tx` is given. */
  sendMany(jobs: { name: string; data: object; startAfter?: Date; retryLimit?: number; retryDelay?: number; retryBackoff?: boolean }[], opts?: { tx?: Sql }): Promise<void>;
  /** The handler gets each fetched batch whole (set-based work); a throw fails the batch. */
  onJobBatch<T extends object>(name: string, handler: (jobs: T[]) => Promise<void>, opts: { batchSize: number; workers?: number; pollSeconds?: number }): Promise<void>;
  /** Start moving committed events to their subscribers (after every `onEvent`). */
  startRelay(): void;
  /** Publish what is committed and not yet published; returns how many events it moved. */
  relayOnce(): Promise<number>;
  stop(): Promise<void>;
}

const asBossDb = (sql: Sql): PgBoss.Db => ({
  executeSql: async (text, values) => ({ rows: await sql.query(text, values) }),
});

function bossFor(db: Database): PgBoss {
  const common = { schema: 'pgboss', application_name: 'wasl', supervise: true, schedule: true };
  if (db.raw instanceof PGlite) {
    const pglite = db.raw;
    // PGlite has one connection: pg-boss talks through it. Multi-statement SQL (pg-boss's own
    // migrations) must go through `exec`, parameterised SQL through `query`.
    const executeSql = async (text: string, values?: unknown[]) => {
      if (values && values.length) return { rows: (await pglite.query(text, values)).rows };
      const results = await pglite.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    };
    return new PgBoss({ ...common, db: { executeSql } });
  }
  return new PgBoss({ ...common, db: asBossDb(db) });
}

export async function startJobs(db: Database, log: Logger, opts: { relayIntervalMs?: number; pollSeconds?: number } = {}): Promise<Jobs> {
  const boss = bossFor(db);
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  const pollingIntervalSeconds = opts.pollSeconds ?? 0.5;
  const queues = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (queues.has(name)) return;
    await boss.createQueue(name);
    queues.add(name);
  };

  const relayOnce = async () =>
    db.transaction(async (tx) => {
      const events = await tx.query<DomainEvent>(
        `SELECT id, store_id, type, subject_id, actor, data, created_at FROM events
          WHERE published_at IS NULL ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED`,
      );
      if (!events.length) return 0;
      // One job per subscriber per event, written in this transaction: an event is marked
      // published only together with the jobs that deliver it.
      const deliveries = events.flatMap((event) => (subscribers.get(event.type) ?? []).map((name) => ({ name, data: event })));
      if (deliveries.length) await boss.insert(deliveries, { db: asBossDb(tx) });
      await tx.query(`UPDATE events SET published_at = now() WHERE id = ANY($1)`, [events.map((e) => e.id)]);
      return events.length;
    });

  let stopped = false;
  let relaying: Promise<void> | undefined;
  const relayLoop = async () => {
    while (!stopped) {
      let moved = 0;
      try {
        moved = await relayOnce();
      } catch (err) {
        log.error({ err }, 'event relay failed; retrying');
      }
      // Always yield to the event loop: PGlite answers without I/O, so a busy loop of
      // queries would otherwise starve HTTP.
      await new Promise((r) => setTimeout(r, moved ? 0 : (opts.relayIntervalMs ?? 250)));
    }
  };
  // pg-boss may hand a worker a batch it fetched just as it was told to stop; such a batch is
  // refused (its jobs are retried later), and stop() waits for batches already running, so no
  // handler touches the database after the process has closed it.
  let running = 0;
  const guarded = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => async (...args: A) => {
    if (stopped) throw new Error('shutting down; the job will be retried');
    running++;
    try {
      await fn(...args);
    } finally {
      running--;
    }
  };

  // Which subscriber queues want which event: declared by `onEvent` in every process before
  // the relay starts, so any process's relay delivers to every subscriber.
  const subscribers = new Map<string, string[]>();

  return {
    boss,
    relayOnce,
    startRelay() {
      relaying ??= relayLoop();
    },
    async onEvent(type, name, handler) {
      await ensureQueue(name);
      subscribers.set(type, [...(subscribers.get(type) ?? []), name]);
      await boss.work<DomainEvent>(name, { pollingIntervalSeconds, batchSize: 20 }, guarded(async (jobs: PgBoss.Job<DomainEvent>[]) => {
        for (const job of jobs) await handler(job.data);
      }));
    },
    async onJob(name, handler, o = {}) {
      await ensureQueue(name);
      await boss.work(name, { pollingIntervalSeconds, batchSize: o.batchSize ?? 5 }, guarded(async (jobs: PgBoss.Job<object>[]) => {
        let next = 0;
        let failure: unknown;
        const lane = async () => {
          while (next < jobs.length) {
            const job = jobs[next++];
            await handler(job.data as never).catch((err) => (failure ??= err));
          }
        };
        await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 1, jobs.length) }, lane));
        if (failure) throw failure;
      }));
    },
    async sendMany(list, o = {}) {
      if (!list.length) return;
      for (const name of new Set(list.map((j) => j.name))) await ensureQueue(name);
      if (o.tx) await boss.insert(list as PgBoss.JobInsert[], { db: asBossDb(o.tx) });
      else await boss.insert(list as PgBoss.JobInsert[]);
    },
    async onJobBatch(name, handler, o) {
      await ensureQueue(name);
      // Several fetch loops: one batch's database round trips overlap the next one's.
      for (let i = 0; i < (o.workers ?? 1); i++) {
        await boss.work(name, { pollingIntervalSeconds: o.pollSeconds ?? pollingIntervalSeconds, batchSize: o.batchSize }, guarded(async (jobs: PgBoss.Job<object>[]) =>
          handler(jobs.map((j) => j.data as never)),
        ));
      }
    },
    async send(name, data, o = {}) {
      await ensureQueue(name);
      const { tx, ...rest } = o;
      return boss.send(name, data, tx ? { ...rest, db: asBossDb(tx) } : rest);
    },
    async stop() {
      stopped = true;
      await relaying;
      await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
      for (const until = Date.now() + 10_000; running > 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
      // pg-boss marks a finished batch complete right after its handler returns: let it.
      await new Promise((r) => setTimeout(r, 20));
    },
  };
}
