import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import type { Jobs } from './jobs.ts';

/** What a running process has: handed to route registrations and workers explicitly. */
export interface Services {
  db: Database;
  log: Logger;
  config: Config;
  jobs?: Jobs;
}
