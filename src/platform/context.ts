import type { Logger } from 'pino';

export type Log = Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
import type { Sql } from './db.ts';

/** Who did it: recorded on every event, so the timeline says who changed what. */
export interface Actor {
  type: 'api_key' | 'user' | 'system' | 'storefront' | 'customer';
  id: string;
  name?: string;
}

export interface StoreInfo {
  id: string;
  name: string;
  country: string;
  currency: string;
  timezone: string;
  locale: string;
  settings: Record<string, unknown>;
}

/**
 * The explicit context every operation takes: the database or the open transaction it must
 * use, the store it acts for, who is acting, the clock and the logger.
 */
export interface Ctx {
  db: Sql;
  store: StoreInfo;
  actor: Actor;
  /** The role of the user or API key behind an HTTP request (jobs have none); see users/permissions.ts. */
  role?: string;
  now: () => Date;
  log: Log;
}
