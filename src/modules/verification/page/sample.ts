import type { Lang, PageModel, PageWindow } from './types.ts';

/** A realistic Riyadh order, for tests and for previewing the page while styling it. */
export function sampleModel(lang: Lang, over: Partial<PageModel> = {}): PageModel {
  const windows: PageWindow[] = [
    ['2026-11-24', '09:00', '13:00'],
    ['2026-11-24', '16:00', '21:00'],
    ['2026-11-25', '09:00', '13:00'],
    ['2026-11-25', '16:00', '21:00'],
  ].map(([date, from, to]) => ({ value: `${date}|${from}|${to}`, date, from, to }));
  return {
    lang,
    token: 'k7Qm2xV9pL4sT8wZ',
    purpose: 'confirm',
    state: 'open',
    windows,
    order: {
      storeName: 'متجر الأناقة',
      number: 1042,
      placedAt: new Date('2026-11-23T18:05:00Z'),
      timezone: 'Asia/Riyadh',
      customerName: 'نورة العتيبي',
      phone: '+966501234567',
      lines: [
        { name: 'عباية كريب سوداء', quantity: 1, total: '289.00' },
        { name: 'Cotton Scarf (Beige)', quantity: 2, total: '90.00' },
      ],
      totals: { subtotal: '379.00', shipping: '0.00', discount: '30.00', tax: '52.35', total: '401.35', currency: 'SAR' },
      paymentMethod: 'cod',
      address: {
        name: 'نورة العتيبي',
        line1: 'شارع الأمير محمد بن عبدالعزيز، مبنى 4521',
        line2: 'الدور الثاني، شقة 7',
        district: 'العليا',
        city: 'الرياض',
        region: 'منطقة الرياض',
        postal_code: '12241',
        country: 'SA',
      },
      window: null,
    },
    ...over,
  };
}
