import { salla } from './salla.ts';
import { shopify } from './shopify.ts';
import type { Storefront, StorefrontName } from './storefront.ts';
import { woocommerce } from './woocommerce.ts';

/** The webhook route picks the adapter by the platform named in its path. */
export const storefronts: Record<StorefrontName, Storefront> = { shopify, woocommerce, salla };

export { StorefrontPayloadError } from './storefront.ts';
export type { Headers, Storefront, StorefrontEvent, StorefrontName } from './storefront.ts';
