import { z } from 'zod';
import { countryCode, currencyCode, moneyInput } from '../../platform/inputs.ts';

/**
 * The canonical order as a client sends it (API.md, POST /v1/orders). Storefront webhooks map
 * their platform's payload to this same shape, so one intake path serves every source.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional().nullable();

export const orderLineInput = z.object({
  sku: text(100),
  quantity: z.number().int().min(1).max(10_000),
  unit_price: moneyInput,
  name: optionalText(300),
});

export const addressInput = z.object({
  name: optionalText(200),
  line1: text(500),
  line2: optionalText(500),
  district: optionalText(200),
  city: text(200),
  region: optionalText(200),
  postal_code: optionalText(20),
  country: countryCode,
});

export const orderInput = z.object({
  external_id: optionalText(200),
  source: optionalText(50),
  currency: currencyCode,
  customer: z.object({
    name: text(200),
    phone: z.string().max(50),
    email: z.string().trim().max(320).optional().nullable(),
    /** The language the customer reads; messages and the confirmation page use it. */
    language: z.enum(['ar', 'en']).optional().nullable(),
  }),
  shipping_address: addressInput,
  lines: z.array(orderLineInput).min(1).max(500),
  shipping_total: moneyInput.optional().nullable(),
  discount_total: moneyInput.optional().nullable(),
  tax_total: moneyInput.optional().nullable(),
  total: moneyInput.optional().nullable(),
  payment: z.object({
    method: z.enum(['cod', 'online']),
    status: z.enum(['pending', 'paid']).optional(),
  }),
  delivery: z
    .object({ option: optionalText(100), window: optionalText(200) })
    .optional()
    .nullable(),
  note: optionalText(2000),
  client: z
    .object({ ip: optionalText(64), user_agent: optionalText(1000) })
    .optional()
    .nullable(),
});

export type OrderInput = z.infer<typeof orderInput>;
/** What a mapper hands to intake before validation (the same shape, loosely typed). */
export type OrderInputDraft = z.input<typeof orderInput>;
