import { z } from 'zod';
import { toLatinDigits } from './digits.ts';

// Input types shared by every module's HTTP schemas.

/** A money amount in major units. Decimal strings are the contract; plain numbers are accepted. */
export const moneyInput = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : toLatinDigits(v).trim()))
  .pipe(z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'must be a non-negative decimal amount such as "199.00"'));

export const countryCode = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "SA"'));

export const currencyCode = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as "SAR"'));

export const skuParam = z.string().trim().min(1).max(100);
