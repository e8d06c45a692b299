import { z } from 'zod';
import { countryCode, currencyCode } from '../../platform/inputs.ts';

// What PATCH /v1/store/settings accepts. Objects merge into what is stored; `null` removes a key.
const secret = z.string().trim().min(8, 'must be at least 8 characters').max(500);
const storefrontSecret = z.object({ webhook_secret: secret.nullable().optional() }).nullable().optional();

const verificationStep = z.object({
  channel: z.enum(['sms', 'whatsapp', 'email', 'call']),
  after_seconds: z.number().int().min(0).max(30 * 24 * 3600),
});
const seconds = (max: number) => z.number().int().min(1).max(max);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as "09:00"');

// Messaging providers (API.md "Messaging providers"). A patch may carry one field (a rotated
// token); `messagingProblems` checks the merged result is complete before it is stored.
const baseUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(500);
const field = (max = 200) => z.string().trim().min(1).max(max);
const messagingPatch = z
  .object({
    sms: z
      .object({
        provider: z.enum(['twilio', 'unifonic']).optional(),
        base_url: baseUrl.nullable().optional(),
        account_sid: field().nullable().optional(),
        auth_token: secret.nullable().optional(),
        from: field(30).nullable().optional(),
        app_sid: secret.nullable().optional(),
        sender_id: field(30).nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    whatsapp: z
      .object({
        base_url: baseUrl.nullable().optional(),
        api_version: z.string().regex(/^v\d+\.\d+$/, 'must look like "v21.0"').nullable().optional(),
        phone_number_id: field(50).nullable().optional(),
        access_token: secret.nullable().optional(),
        app_secret: secret.nullable().optional(),
        verify_token: secret.nullable().optional(),
        templates: z.record(z.string().max(50), z.string().trim().min(1).max(512)).nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    email: z
      .object({
        smtp_url: z.string().trim().regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL').max(500).nullable().optional(),
        from: z.string().trim().min(3).max(320).nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    retry: z
      .object({
        attempts: z.number().int().min(1).max(10).optional(),
        backoff_seconds: z.number().min(0.1).max(3600).optional(),
        timeout_seconds: z.number().min(0.1).max(120).optional(),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

const REQUIRED: Record<string, string[]> = {
  twilio: ['account_sid', 'auth_token', 'from'],
  unifonic: ['app_sid', 'sender_id'],
  whatsapp: ['phone_number_id', 'access_token', 'app_secret', 'verify_token'],
  email: ['smtp_url', 'from'],
};

/** What a merged `messaging` setting lacks, as error details (a provider half set up sends nothing). */
export function messagingProblems(messaging: Record<string, unknown> | undefined): { path: string; message: string }[] {
  if (!messaging) return [];
  const problems: { path: string; message: string }[] = [];
  const need = (section: string, kind: string) => {
    const value = messaging[section] as Record<string, unknown> | undefined;
    if (!value) return;
    for (const key of REQUIRED[kind]) {
      if (value[key] === undefined) problems.push({ path: `messaging.${section}.${key}`, message: `is required for ${kind}` });
    }
  };
  const sms = messaging.sms as Record<string, unknown> | undefined;
  if (sms && !sms.provider) problems.push({ path: 'messaging.sms.provider', message: 'must be "twilio" or "unifonic"' });
  else if (sms) need('sms', String(sms.provider));
  need('whatsapp', 'whatsapp');
  need('email', 'email');
  return problems;
}

export const settingsPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    default_country: countryCode.optional(),
    currency: currencyCode.optional(),
    timezone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as "Asia/Riyadh"')
      .optional(),
    locale: z.enum(['ar', 'en']).optional(),
    integrations: z
      .object({ shopify: storefrontSecret, woocommerce: storefrontSecret, salla: storefrontSecret })
      .strict()
      .optional(),
    verification: z
      .object({
        steps: z.array(verificationStep).min(1).max(10).optional(),
        /** Calls without an answer before the order is cancelled as ghost. */
        call_attempts: z.number().int().min(1).max(20).optional(),
        /** After "no answer", how long before the order comes back to the queue. */
        call_retry_seconds: seconds(7 * 24 * 3600).optional(),
        /** How long a customer's link works. */
        link_ttl_seconds: seconds(90 * 24 * 3600).optional(),
        /** Delivered-and-paid orders that make a good customer, confirmed at once (0: never). */
        auto_confirm_after: z.number().int().min(0).max(100).optional(),
      })
      .strict()
      .optional(),
    delivery: z
      .object({
        /** The delivery windows a customer may choose on the confirmation page. */
        slots: z.array(z.object({ from: clock, to: clock }).strict().refine((s) => s.from < s.to, 'must end after it starts')).max(12).optional(),
        days_ahead: z.number().int().min(1).max(30).optional(),
        /** 0 = Sunday … 6 = Saturday. */
        closed_weekdays: z.array(z.number().int().min(0).max(6)).max(6).optional(),
      })
      .strict()
      .optional(),
    messaging: messagingPatch.nullable().optional(),
    // Customer analysis keeps its weights here.
    risk: z
      .object({
        /** Signal code → weight (0–100), replacing wasl's default for that signal. */
        // Negative weights vouch for the customer (returning_customer is -15 by default).
        weights: z.record(z.string().regex(/^[a-z_]{1,40}$/, 'must be a signal code'), z.number().min(-100).max(100)).nullable().optional(),
        /** Scores at or above these hold the order for review, or ask for prepayment. */
        hold_at: z.number().min(1).max(100).optional(),
        prepayment_at: z.number().min(1).max(100).optional(),
        /** What an API client is told when a blocked customer's order is refused. */
        block_message: z.object({ ar: z.string().trim().min(1).max(300).optional(), en: z.string().trim().min(1).max(300).optional() }).strict().nullable().optional(),
        /** Orders from one phone, email, IP or address within the window that make a burst. */
        velocity: z.object({ window_hours: z.number().int().min(1).max(720).optional(), max_orders: z.number().int().min(1).max(1000).optional() }).strict().nullable().optional(),
        /** An address shared by more customers than this links nobody (a courier desk, an office). */
        link_cap: z.number().int().min(0).max(50).nullable().optional(),
        /** A delivery area's refusal rate that is a signal, once it has this many settled parcels. */
        area: z.object({ min_orders: z.number().int().min(1).max(100000).optional(), refusal_rate: z.number().min(0.01).max(1).optional() }).strict().nullable().optional(),
        /** An order this many times the store's usual (95th percentile) total or item count is unusual. */
        unusual_factor: z.number().min(1).max(100).nullable().optional(),
        /** Share of the total asked up front when prepayment is required (100: the whole order). */
        deposit_percent: z.number().int().min(1).max(100).nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatch>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const DEFAULT_SETTINGS = {
  verification: {
    steps: [
      { channel: 'sms', after_seconds: 60 },
      { channel: 'whatsapp', after_seconds: 14_400 },
      { channel: 'email', after_seconds: 14_400 },
      { channel: 'call', after_seconds: 14_400 },
    ],
    call_attempts: 3,
    call_retry_seconds: 7_200,
    link_ttl_seconds: 7 * 24 * 3600,
    auto_confirm_after: 2,
  },
  delivery: {
    slots: [
      { from: '09:00', to: '13:00' },
      { from: '13:00', to: '17:00' },
      { from: '17:00', to: '21:00' },
    ],
    days_ahead: 5,
    closed_weekdays: [5],
  },
};

export type VerificationChannel = 'sms' | 'whatsapp' | 'email' | 'call';
export interface VerificationSettings {
  steps: { channel: VerificationChannel; after_seconds: number }[];
  call_attempts: number;
  call_retry_seconds: number;
  link_ttl_seconds: number;
  auto_confirm_after: number;
}
export interface DeliverySettings {
  slots: { from: string; to: string }[];
  days_ahead: number;
  closed_weekdays: number[];
}

/** The store's confirmation settings, with wasl's defaults for what it never set (older stores too). */
export function verificationSettings(store: { settings: Record<string, unknown> }): VerificationSettings {
  return { ...DEFAULT_SETTINGS.verification, ...(store.settings.verification as object) } as VerificationSettings;
}

export function deliverySettings(store: { settings: Record<string, unknown> }): DeliverySettings {
  return { ...DEFAULT_SETTINGS.delivery, ...(store.settings.delivery as object) } as DeliverySettings;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge for settings: objects merge, arrays and scalars replace, null deletes. */
export function mergeSettings(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(out[key])) out[key] = mergeSettings(out[key] as Json, value);
    else if (isObject(value)) out[key] = mergeSettings({}, value);
    else out[key] = value;
  }
  return out;
}

const SECRET_KEYS = /(secret|token|password|auth_token|api_key|smtp_url|app_sid)$/;

/** Secrets are never returned: the reader sees that one is set (`"<key>_set": true`). */
export function maskSecrets(settings: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(settings)) {
    if (SECRET_KEYS.test(key) && typeof value === 'string') out[`${key}_set`] = true;
    else if (isObject(value)) out[key] = maskSecrets(value);
    else out[key] = value;
  }
  return out;
}
