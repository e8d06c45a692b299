import type { Client } from './http.ts';
import { PRODUCTS } from './orders.ts';

/** The 50 SKUs with large stock, through the API as a merchant would set them up. */
export async function stockUp(client: Client, onHand = 50_000_000): Promise<void> {
  for (const p of PRODUCTS) {
    const prod = await client.json('PUT', `/v1/products/${encodeURIComponent(p.sku)}`, { name: p.name, price: (p.priceMinor / 100).toFixed(2) });
    if (prod.status !== 200) throw new Error(`PUT product ${p.sku}: ${prod.status} ${JSON.stringify(prod.body)}`);
    const inv = await client.json('PUT', `/v1/inventory/${encodeURIComponent(p.sku)}`, { on_hand: onHand });
    if (inv.status !== 200) throw new Error(`PUT inventory ${p.sku}: ${inv.status} ${JSON.stringify(inv.body)}`);
  }
}
