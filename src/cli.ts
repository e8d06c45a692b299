import pino from 'pino';
import { readConfig } from './platform/config.ts';
import { openDatabase } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { startJobs } from './platform/jobs.ts';
import { startServer } from './server.ts';
import { startWorkers } from './workers.ts';

const USAGE = `wasl — order operations for cash-on-delivery stores

Usage:
  wasl serve [--no-worker]   HTTP API (and the background worker, unless --no-worker)
  wasl worker                background jobs only
  wasl migrate               bring the database schema up to date
  wasl seed [--orders N]     fill the store with demo products and orders
  wasl import FILE.csv       import past orders with their outcomes

Environment: PORT, HOST, DATABASE_URL (unset: embedded database in WASL_DATA_DIR), WASL_API_KEY,
WASL_PUBLIC_URL. See README.md.`;

async function main(argv: string[]) {
  const [command, ...args] = argv;
  const config = readConfig();
  const log = pino({ level: config.logLevel });
  const openDb = () => openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : `${config.dataDir}/db` });

  switch (command) {
    case 'serve': {
      const running = await startServer(config, { worker: !args.includes('--no-worker'), log });
      const { bootstrap } = running;
      console.log(`\nwasl is running at ${running.url}  (API reference: ${running.url}/docs)`);
      console.log(`store id: ${bootstrap.storeId}`);
      if (bootstrap.apiKey) {
        console.log(`owner API key (shown once, keep it): ${bootstrap.apiKey}`);
        console.log(`try: curl -H "Authorization: Bearer ${bootstrap.apiKey}" ${running.url}/v1/store`);
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
