import { readFileSync } from 'node:fs';
import type { Log, StoreInfo } from './platform/context.ts';
import { parseCsv } from './platform/csv.ts';
import type { Database } from './platform/db.ts';
import { importOrders } from './modules/orders/index.ts';

/**
 * `wasl import orders.csv`: past orders with their outcomes, one row per order line; rows with
 * the same external_id are one order. Columns (header row required, any order):
 * external_id, placed_at, outcome, customer_name, phone, email, line1, district, city, country,
 * currency, sku, quantity, unit_price, shipping_total, discount_total, total, payment_method.
 */
const BATCH = 500;

export function csvToOrders(text: string, defaults: { currency: string; country: string }) {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const col = (row: string[], name: string) => {
    const i = header.indexOf(name);
    const v = i < 0 ? undefined : row[i]?.trim();
    return v === '' ? undefined : v;
  };
  const orders = new Map<string, Record<string, any>>();
  rows.forEach((row, n) => {
    const id = col(row, 'external_id') ?? `row-${n + 2}`;
    let order = orders.get(id);
    if (!order) {
      order = {
        external_id: id,
        source: 'import',
        placed_at: col(row, 'placed_at'),
        outcome: col(row, 'outcome'),
        currency: col(row, 'currency') ?? defaults.currency,
        customer: { name: col(row, 'customer_name') ?? '', phone: col(row, 'phone') ?? '', email: col(row, 'email') ?? null },
        shipping_address: {
          line1: col(row, 'line1') ?? '', district: col(row, 'district') ?? null, city: col(row, 'city') ?? '',
          country: col(row, 'country') ?? defaults.country,
        },
        lines: [],
        shipping_total: col(row, 'shipping_total') ?? null,
        discount_total: col(row, 'discount_total') ?? null,
        total: col(row, 'total') ?? null,
        payment: { method: col(row, 'payment_method') ?? 'cod' },
      };
      orders.set(id, order);
    }
    order.lines.push({ sku: col(row, 'sku') ?? '', quantity: Number(col(row, 'quantity') ?? 1), unit_price: col(row, 'unit_price') ?? '' });
  });
  return [...orders.values()];
}

export async function importCsv(db: Database, store: StoreInfo, file: string, log: Log) {
  const orders = csvToOrders(readFileSync(file, 'utf8'), { currency: store.currency, country: store.country });
  const totals = { imported: 0, duplicates: 0, failed: 0 };
  const failures: string[] = [];
  const started = Date.now();
  for (let i = 0; i < orders.length; i += BATCH) {
    const batch = orders.slice(i, i + BATCH);
    const result = await db.transaction((tx) =>
      importOrders({ db: tx, store, actor: { type: 'system', id: 'cli-import' }, now: () => new Date(), log }, batch),
    );
    totals.imported += result.imported;
    totals.duplicates += result.duplicates;
    totals.failed += result.failed;
    for (const r of result.results) {
      if (r.status === 'failed') failures.push(`  ${batch[r.index].external_id}: ${r.error?.message}`);
    }
    progress(Math.min(i + BATCH, orders.length), orders.length, started);
  }
  process.stderr.write('\n');
  console.log(`imported ${totals.imported}, already there ${totals.duplicates}, failed ${totals.failed}`);
  if (failures.length) console.log(`failed orders:\n${failures.slice(0, 50).join('\n')}${failures.length > 50 ? `\n  … and ${failures.length - 50} more` : ''}`);
  return totals;
}

function progress(done: number, total: number, started: number) {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  const rate = done / Math.max((Date.now() - started) / 1000, 0.001);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor((done / Math.max(total, 1)) * 100)}% ${done}/${total} orders, ${Math.round(rate)}/s`);
}
