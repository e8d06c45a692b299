import pino, { type Logger } from 'pino';
import type { Config } from './platform/config.ts';
import { openDatabase, type Database } from './platform/db.ts';
import { buildApp, type App } from './platform/http/app.ts';
import { webApp } from './platform/http/web-app.ts';
import { startJobs, type Jobs } from './platform/jobs.ts';
import { migrate } from './platform/migrate.ts';
import type { Services } from './platform/services.ts';
import { appParts } from './modules.ts';
import { bootstrapStore, type Bootstrap } from './modules/stores/index.ts';
import { ensureOwner, userLanguage, type FirstOwner } from './modules/users/index.ts';
import { startWorkers } from './workers.ts';

export interface Running {
  app: App;
  db: Database;
  jobs?: Jobs;
  url: string;
  bootstrap: Bootstrap;
  /** Set only when the store's first owner was created now: what to print about signing in. */
  owner: FirstOwner | null;
  services: Services;
  stop(): Promise<void>;
}

/**
 * Open the database, bring its schema up to date, make sure there is a store, then serve HTTP
 * and (unless told not to) run the background workers in the same process.
 */
export async function startServer(config: Config, opts: { worker?: boolean; log?: Logger; db?: Database } = {}): Promise<Running> {
  const log = opts.log ?? pino({ level: config.logLevel });
  const db = opts.db ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : `${config.dataDir}/db` }));
  await migrate(db);
  await warnWithoutAutovacuum(db, log);
  const bootstrap = await bootstrapStore(db, { apiKey: config.apiKey });
  const owner = await ensureOwner({ db, log }, bootstrap.storeId, { email: config.ownerEmail, password: config.ownerPassword });
  const services: Services = { db, log, config };
  let stopWorkers = async () => {};
  if (opts.worker !== false) {
    services.jobs = await startJobs(db, log);
    stopWorkers = await startWorkers(services);
    services.jobs.startRelay();
  }
  const app = await buildApp(services, appParts);
  // The admin web app at /, its first paint in the signed-in user's own language when they chose one.
  await app.register(async (scope) => webApp({ userLanguage })(scope as App, services));
  const address = await app.listen({ port: config.port, host: config.host });
  // PORT=0 (tests) or a host name that resolved elsewhere: links must carry the real address.
  if (!config.publicUrlGiven) config.publicUrl = address;
  return {
    app,
    db,
    jobs: services.jobs,
    url: address,
    bootstrap,
    owner,
    services,
    async stop() {
      await app.close();
      await services.jobs?.stop();
      await stopWorkers();
      if (!opts.db) await db.close();
    },
  };
}

/**
 * Intake's statements keep their plans per connection (`cachedPlans`); PostgreSQL makes them
 * again when autovacuum analyzes the growing tables. Without autovacuum the plans made while a
 * store was empty stay, and intake slows to a crawl as orders pile up.
 */
async function warnWithoutAutovacuum(db: Database, log: Logger) {
  if (db.kind !== 'postgres') return;
  const [row] = await db.query<{ on: string }>(`SELECT current_setting('autovacuum') AS on`);
  if (row?.on === 'off') log.warn('PostgreSQL runs with autovacuum off: turn it on (or ANALYZE regularly), or order intake slows down as tables grow');
}
