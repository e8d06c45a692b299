import type { Ctx, StoreInfo } from './platform/context.ts';
import type { Database } from './platform/db.ts';
import { saveProduct } from './modules/catalog/index.ts';
import { updateStoreSettings } from './modules/stores/index.ts';
import { setOnHand } from './modules/inventory/index.ts';
import { cancelOrder, confirmOrder, holdOrder, importOrders, orderInput, placeOrder, prepareOrder } from './modules/orders/index.ts';
import type { Log } from './platform/context.ts';

/**
 * A living demo store for `npm start` and `wasl seed`: products with stock, months of past
 * orders with their outcomes (so customer history means something), and today's orders in
 * every state. Deterministic, so two newcomers see the same store.
 */
const PRODUCTS = [
  ['ABAYA-BLK-M', 'عباية سوداء كلاسيك - مقاس M', '249.00'],
  ['ABAYA-BLK-L', 'عباية سوداء كلاسيك - مقاس L', '249.00'],
  ['OUD-50ML', 'عطر عود ملكي 50 مل', '189.00'],
  ['DATES-AJWA-1KG', 'تمر عجوة المدينة 1 كجم', '95.00'],
  ['COFFEE-SAUDI-500', 'قهوة سعودية بالهيل 500 جم', '65.00'],
  ['PHONE-CASE-14', 'غطاء جوال جلد', '49.00'],
  ['EARBUDS-PRO', 'سماعات لاسلكية برو', '299.00'],
  ['KIDS-THOBE-8', 'ثوب أطفال - 8 سنوات', '120.00'],
  ['PRAYER-MAT', 'سجادة صلاة مبطنة', '85.00'],
  ['INCENSE-BURNER', 'مبخرة كهربائية', '145.00'],
] as const;

const NAMES = ['سارة العتيبي', 'محمد القحطاني', 'نورة الشمري', 'عبدالله الدوسري', 'ريم الزهراني', 'فهد الحربي', 'هند المطيري',
  'خالد الغامدي', 'Aisha Khan', 'Omar Farouk', 'منى عبدالعزيز', 'يوسف السبيعي'];
const CITIES = [['الرياض', 'العليا'], ['جدة', 'الروضة'], ['الدمام', 'الشاطئ'], ['مكة المكرمة', 'العزيزية'], ['المدينة المنورة', 'قباء']];
const OUTCOMES = ['delivered', 'delivered', 'delivered', 'delivered', 'refused', 'returned', 'ghost', 'cancelled'] as const;

// A small deterministic generator: the same demo every time.
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

function demoOrder(i: number, r: () => number, returning = true) {
  const [city, district] = CITIES[Math.floor(r() * CITIES.length)];
  const lines = Array.from({ length: 1 + Math.floor(r() * 2) }, () => {
    const [sku, title, price] = PRODUCTS[Math.floor(r() * PRODUCTS.length)];
    return { sku, name: title, quantity: 1 + Math.floor(r() * 2), unit_price: price };
  });
  // Forty customers come back again and again, writing their phone differently each time;
  // the others order for the first time (and go through confirmation).
  const k = returning ? i % 40 : 100 + i;
  const prefix = ['50', '53', '55', '56', '59'][k % 5];
  const rest = String(1_234_567 + k * 7_919).slice(-7);
  const arabic = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
  const forms = [`0${prefix}${rest}`, `+966 ${prefix} ${rest.slice(0, 3)} ${rest.slice(3)}`, arabic(`0${prefix}${rest}`)];
  return {
    currency: 'SAR',
    customer: { name: NAMES[k % NAMES.length], phone: forms[i % 3], email: i % 3 ? null : `customer${k}@example.com` },
    shipping_address: { line1: `شارع ${['الملك فهد', 'التحلية', 'الأمير سلطان', 'العروبة'][i % 4]} ${1 + (i % 90)}`, district, city, country: 'SA' },
    lines,
    shipping_total: '25.00',
    payment: { method: r() < 0.85 ? ('cod' as const) : ('online' as const), status: 'pending' as const },
  };
}

export async function seedDemo(db: Database, store: StoreInfo, log: Log, opts: { history?: number; today?: number } = {}) {
  const r = rng(42);
  const base: Omit<Ctx, 'db'> = { store, actor: { type: 'system', id: 'demo' }, now: () => new Date(), log };
  await db.transaction(async (tx) => {
    const ctx = { ...base, db: tx };
    // A short cascade, so the demo's unanswered orders reach the call queue minutes after the
    // start instead of hours (a real store keeps the defaults: SMS, WhatsApp, email, call).
    await updateStoreSettings(tx, store.id, {
      name: 'متجر وصل التجريبي (Demo store)',
      verification: { steps: [{ channel: 'sms', after_seconds: 60 }, { channel: 'call', after_seconds: 180 }] },
    });
    for (const [sku, name, price] of PRODUCTS) {
      await saveProduct(ctx, sku, { name, price });
      await setOnHand(ctx, sku, { on_hand: 500 });
    }
  });
  const history = Array.from({ length: opts.history ?? 240 }, (_, i) => ({
    ...demoOrder(i, r),
    external_id: `demo-${i + 1}`,
    source: 'import',
    outcome: OUTCOMES[Math.floor(r() * OUTCOMES.length)],
    placed_at: new Date(Date.now() - (120 - i / 2) * 86_400_000).toISOString(),
  }));
  await db.transaction((tx) => importOrders({ ...base, db: tx }, history));

  const today = opts.today ?? 60;
  for (let i = 0; i < today; i++) {
    // One order in three from a returning customer (good ones are confirmed at once). Spread
    // over the last ten hours, and confirmed some minutes after, so the home screen's charts
    // and "time to confirm" have something to show.
    const input = orderInput.parse(demoOrder(1000 + i, r, i % 3 === 0));
    const placedAt = Date.now() - ((today - i) / today) * 10 * 3_600_000;
    const answeredAt = placedAt + (2 + r() * 40) * 60_000;
    await db.transaction(async (tx) => {
      const ctx = { ...base, db: tx, now: () => new Date(placedAt) };
      const order = await placeOrder(ctx, prepareOrder(store, input, { lenient: true }), { lenient: true, source: 'demo' });
      const fate = r();
      if (order.status !== 'pending') return;
      const later = { ...ctx, now: () => new Date(Math.min(answeredAt, Date.now())) };
      if (fate < 0.45) await confirmOrder(later, order.id);
      else if (fate < 0.55) await cancelOrder(later, order.id, 'Customer changed their mind');
      else if (fate < 0.62) await holdOrder(later, order.id, 'Address needs checking');
    });
  }
}
