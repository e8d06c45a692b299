import { countryName, formatDay, formatMoney, formatPlacedAt, formatTime, isZero } from './format.ts';
import { escapeHtml, fillHtml } from './html.ts';
import type { PageText } from './text.ts';
import type { Lang, PageOrder } from './types.ts';

// <bdi>: an amount, a product or a name in the other script keeps its own direction in the line.
function money(amount: string, o: PageOrder, lang: Lang, negate = false): string {
  return `<bdi>${escapeHtml(formatMoney(amount, o.totals.currency, lang, negate))}</bdi>`;
}

/** "الثلاثاء، 24 نوفمبر، من 9:00 ص إلى 1:00 م" / "Tuesday 24 November, 9:00 am – 1:00 pm". */
export function windowText(w: { date: string; from: string; to: string }, t: PageText, lang: Lang): string {
  const range = fillHtml(t.windowRange, { from: escapeHtml(formatTime(w.from, lang)), to: escapeHtml(formatTime(w.to, lang)) });
  return fillHtml(t.windowFull, { day: escapeHtml(formatDay(w.date, lang)), range });
}

export function summaryCard(o: PageOrder, t: PageText, lang: Lang): string {
  const items = o.lines
    .map(
      (l) => `<li><span><span class="item-name" dir="auto">${escapeHtml(l.name)}</span>` +
        `<span class="qty">${fillHtml(t.quantity, { n: escapeHtml(l.quantity) })}</span></span>` +
        `<span class="amount">${money(l.total, o, lang)}</span></li>`,
    )
    .join('\n');

  const rows: [string, string, string?][] = [[t.subtotal, money(o.totals.subtotal, o, lang)]];
  rows.push([t.shipping, isZero(o.totals.shipping) ? escapeHtml(t.free) : money(o.totals.shipping, o, lang)]);
  if (!isZero(o.totals.discount)) rows.push([t.discount, money(o.totals.discount, o, lang, true)]);
  if (!isZero(o.totals.tax)) rows.push([t.tax, money(o.totals.tax, o, lang)]);
  rows.push([t.total, money(o.totals.total, o, lang), 'grand']);
  const totals = rows
    .map(([label, value, cls]) => {
      const c = cls ? ` class="${cls}"` : '';
      return `<dt${c}>${escapeHtml(label)}</dt><dd${c}>${value}</dd>`;
    })
    .join('');

  const cod = o.paymentMethod === 'cod';
  const payHint = cod ? `<p class="hint">${fillHtml(t.codHint, { total: money(o.totals.total, o, lang) })}</p>` : '';

  return `<section class="card" aria-labelledby="summary-title">
<h2 id="summary-title">${escapeHtml(t.summaryTitle)}</h2>
<div class="meta"><strong>${fillHtml(t.orderNumber, { number: escapeHtml(o.number) })}</strong><span class="muted">${fillHtml(t.placedAt, { date: escapeHtml(formatPlacedAt(o.placedAt, o.timezone, lang)) })}</span></div>
<ul class="items">
${items}
</ul>
<dl class="totals">${totals}</dl>
<div class="pay"><span class="muted">${escapeHtml(t.payment)}</span><span class="badge">${escapeHtml(cod ? t.cod : t.online)}</span>${payHint}</div>
</section>`;
}

/** The address as the courier will read it, one part a line. */
export function addressLines(o: PageOrder, lang: Lang): string {
  const a = o.address;
  // The comma follows the address's script, not the page's: an Arabic address stays "العليا، الرياض".
  const join = (...parts: (string | undefined)[]) => {
    const kept = parts.filter((p): p is string => Boolean(p && p.trim() !== ''));
    return kept.join(/[\u0600-\u06FF]/.test(kept.join('')) ? '، ' : ', ');
  };
  const lines = [a.name, a.line1, a.line2, join(a.district, a.city), join(a.region, a.postal_code), countryName(a.country, lang)];
  return `<address>${lines
    .filter((l) => l && l.trim() !== '')
    .map((l) => `<span dir="auto">${escapeHtml(l)}</span>`)
    .join('')}</address>`;
}
