import type { Actor } from '../../platform/context.ts';
import type { EntryType, ListName } from './list-keys.ts';

/** An entry of the blocklist or the allowlist, as the API shows it. */
export interface ListEntry {
  id: string;
  list: ListName;
  type: EntryType;
  /** As the merchant gave it: a string, or the address object. */
  value: unknown;
  /** What it matches by: E.164 phone (last 9 digits if it did not validate), canonical email, IP, address key. */
  key: string;
  reason: string;
  created_by: Actor;
  created_at: Date;
}

export const ENTRY_COLUMNS = 'id, list, type, value, key, reason, created_by, created_at';

/** The API's name of a list, for messages and paths. */
export const LIST_NAMES: Record<ListName, string> = { block: 'blocklist', allow: 'allowlist' };
