import { z } from 'zod';
import { countryCode, currencyCode } from '../../platform/inputs.ts';

// What PATCH /v1/store/settings accepts. Objects merge into what is stored; `null` removes a key.
const secret = z.string().trim().min(8, 'must be at least 8 characters').max(500);
const storefrontSecret = z.object({ webhook_secret: secret.nullable().optional() }).nullable().optional();

const verificationStep = z.object({
  channel: z.enum(['sms', 'whatsapp', 'email', 'call']),
  after_seconds: z.number().int().min(0).max(30 * 24 * 3600),
});

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
      .object({ steps: z.array(verificationStep).min(1).max(10).optional() })
      .passthrough()
      .optional(),
    // Later capabilities (messaging providers, risk weights) keep their own settings here.
    messaging: z.record(z.string(), z.unknown()).nullable().optional(),
    risk: z.record(z.string(), z.unknown()).nullable().optional(),
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
  },
};

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

const SECRET_KEYS = /(secret|token|password|auth_token|api_key|smtp_url)$/;

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
