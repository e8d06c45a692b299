import type { Customer } from '../../types.ts';

/** GET /v1/customers/{id}: the person behind a customer record (src/modules/customers/get-customer.ts). */
export interface Profile extends Customer {
  email_canonical: string | null;
  created_at: string;
  linked_customers: { id: string; name: string; phone_e164: string | null; email_canonical: string | null; linked_by: 'address' | 'phone_or_email'; address_key?: string }[];
  identities: {
    phones: string[];
    emails: string[];
    addresses: { key: string; shared_with: number; weak: boolean }[];
  };
}

export type IdentityType = 'phone' | 'email' | 'address';
export type ListName = 'block' | 'allow';
export const LIST_PATH: Record<ListName, string> = { block: '/v1/blocklist', allow: '/v1/allowlist' };

/** One phone, email or address of the person, as the lists match it (`key`) and as they are sent (`value`). */
export interface Identity {
  type: IdentityType;
  key: string;
  /** What POST /v1/blocklist takes; null when the address key cannot be turned back into an address. */
  value: string | Record<string, string | null> | null;
  shared_with?: number;
  weak?: boolean;
}

/** An entry of the blocklist or allowlist (src/modules/risk/list-entry.ts). */
export interface ListEntry {
  id: string;
  list: ListName;
  type: string;
  key: string;
  reason: string;
  created_at: string;
}

/**
 * An address key (`country|city|district|street`, every part already normalised) back into the
 * address object the lists take; normalising it again gives the same key, so the entry matches
 * exactly the orders this key stands for.
 */
export function addressFromKey(key: string): Record<string, string | null> | null {
  const [country, city, district, ...rest] = key.split('|');
  const line1 = rest.join(' ').trim();
  if (!/^[a-z]{2}$/.test(country ?? '') || !city || !line1) return null;
  return { line1, district: district || null, city, country: country.toUpperCase() };
}

/** "street · district · city" for people: the key's parts, most precise first. */
export function addressText(key: string, lang: 'ar' | 'en'): string {
  const [, city, district, ...rest] = key.split('|');
  return [rest.join(' '), district, city].filter(Boolean).join(lang === 'ar' ? '، ' : ', ');
}

export function identitiesOf(p: Profile): Identity[] {
  return [
    ...p.identities.phones.map((v): Identity => ({ type: 'phone', key: v, value: v })),
    ...p.identities.emails.map((v): Identity => ({ type: 'email', key: v, value: v })),
    ...p.identities.addresses.map((a): Identity => ({ type: 'address', key: a.key, value: addressFromKey(a.key), shared_with: a.shared_with, weak: a.weak })),
  ];
}
