import pino from 'pino';
import { readConfig } from './platform/config.ts';
import { openDatabase } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { startJobs } from './platform/jobs.ts';
import { startServer } from './server.ts';
import { seedDemo } from './demo.ts';
import { importCsv } from './import-csv.ts';
import { bootstrapStore, getStore } from './modules/stores/index.ts';
import { startWorkers } from './workers.ts';

const USAGE = `wasl — order operations for cash-on-delivery stores

Usage:
  wasl serve [--no-worker] [--demo]
                             HTTP API (and the background worker, unless --no-worker);
                             --demo fills a newly created store with demo data
  wasl worker                background jobs only
  wasl migrate               bring the database schema up to date
  wasl seed                  fill the store with demo products and orders
  wasl import FILE.csv       import past orders with their outcomes

Environment: PORT, HOST, DATABASE_URL (unset: embedded database in WASL_DATA_DIR), WASL_API_KEY,
WASL_OWNER_EMAIL, WASL_OWNER_PASSWORD, WASL_PUBLIC_URL. See README.md.`;

async function main(argv: string[]) {
  const [command, ...args] = argv;
  const config = readConfig();
  const log = pino({ level: config.logLevel });
  const openDb = () => openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : `${config.dataDir}/db` });

  switch (command) {
    case 'serve': {
      const running = await startServer(config, { worker: !args.includes('--no-worker'), log });
      const { bootstrap } = running;
      if (bootstrap.created && args.includes('--demo')) {
        console.log('first start: filling the demo store with products and orders…');
        await seedDemo(running.db, await getStore(running.db, bootstrap.storeId, { fresh: true }), log);
      }
      console.log(`\nwasl is running at ${running.url}  (API reference: ${running.url}/docs)`);
      console.log(`store id: ${bootstrap.storeId}`);
      if (bootstrap.apiKey) {
        console.log(`owner API key (shown once, keep it): ${bootstrap.apiKey}`);
        console.log(`try: curl -H "Authorization: Bearer ${bootstrap.apiKey}" ${running.url}/v1/store`);
      }
      if (running.owner) {
        const { email, generatedPassword } = running.owner;
        console.log(`sign in at ${running.url}/ as ${email} with ${generatedPassword ? `the password ${generatedPassword} (shown once; change it under your profile)` : 'WASL_OWNER_PASSWORD'}`);
      }
      const stop = async () => {
        await running.stop();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    case 'worker': {
      const db = await openDb();
      await migrate(db);
      const jobs = await startJobs(db, log);
      await startWorkers({ db, log, config, jobs });
      jobs.startRelay();
      log.info('worker running');
      const stop = async () => {
        await jobs.stop();
        await db.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    case 'seed': {
      const db = await openDb();
      await migrate(db);
      const { storeId } = await bootstrapStore(db, { apiKey: config.apiKey });
      await seedDemo(db, await getStore(db, storeId, { fresh: true }), log);
      console.log(`demo products and orders added to store ${storeId}`);
      await db.close();
      return;
    }
    case 'import': {
      const file = args.find((a) => !a.startsWith('--'));
      if (!file) throw new Error('usage: wasl import FILE.csv');
      const db = await openDb();
      await migrate(db);
      const { storeId } = await bootstrapStore(db, { apiKey: config.apiKey });
      await importCsv(db, await getStore(db, storeId, { fresh: true }), file, log);
      await db.close();
      return;
    }
    case 'migrate': {
      const db = await openDb();
      const applied = await migrate(db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      await db.close();
      return;
    }
    default:
      console.log(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
