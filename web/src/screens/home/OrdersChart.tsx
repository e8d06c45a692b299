import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../context.tsx';
import { TableHead } from '../../ui/TableHead.tsx';
import { niceMax, type Stats } from './stats.ts';

/** The width the element is given, followed as it changes (charts draw in real pixels, so text keeps its size). */
export function useWidth<T extends Element>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.round(el.getBoundingClientRect().width));
    const ro = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

const HEIGHT = 200;
const TOP = 12;
const BOTTOM = 26;
/** The axis' numbers sit in a gutter at the inline start (the right in Arabic). */
const GUTTER = 34;
const END = 6;

/**
 * Orders per hour (one day) or per day as columns, the confirmed part of each darker. Time runs
 * with the reading direction: in Arabic the first hour or day is on the right. Drawn by hand in
 * SVG; the same numbers are in a table for screen readers (the drawing is hidden from them).
 */
export function OrdersChart({ stats }: { stats: Stats }) {
  const { t, fmt, dir, lang, digits } = useI18n();
  const [ref, width] = useWidth<HTMLDivElement>();
  const { series, period } = stats;
  const hourly = period.bucket === 'hour';
  const rtl = dir === 'rtl';

  const labels = useMemo(() => {
    const numberingSystem = digits === 'arabic' ? 'arab' : 'latn';
    const short = hourly
      ? new Intl.DateTimeFormat(lang, { hour: '2-digit', hourCycle: 'h23', timeZone: validZone(period.time_zone), numberingSystem })
      : new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC', calendar: 'gregory', numberingSystem });
    return series.map((b) => ({
      short: hourly ? short.format(new Date(b.start)) : short.format(new Date(`${b.local.slice(0, 10)}T00:00:00Z`)),
      long: hourly ? fmt.time(b.start) : fmt.day(b.local.slice(0, 10)),
    }));
  }, [series, hourly, lang, digits, period.time_zone, fmt]);

  const n = series.length;
  const top = niceMax(Math.max(0, ...series.map((b) => b.orders)));
  const ticks = top >= 2 && top % 2 === 0 ? [0, top / 2, top] : [0, top];
  const plotW = Math.max(0, width - GUTTER - END);
  const plotH = HEIGHT - TOP - BOTTOM;
  const x0 = rtl ? END : GUTTER;
  const slot = n ? plotW / n : 0;
  const barW = Math.max(1, Math.min(28, slot * 0.7));
  const y = (v: number) => TOP + plotH * (1 - v / top);
  /** Where the i-th bucket's slot starts: from the left in English, from the right in Arabic. */
  const slotX = (i: number) => x0 + (rtl ? n - 1 - i : i) * slot;
  const every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(plotW / (hourly ? 30 : 58)))));
  const axisX = rtl ? width - GUTTER / 2 : GUTTER / 2;
  const title = hourly ? t('home.perHour') : t('home.perDay');

  return (
    <figure className="chart" data-testid="orders-chart" data-bucket={period.bucket}>
      <div className="chart-head">
        <h2 id="orders-chart-title">{title}</h2>
        <ul className="chart-legend" aria-hidden="true">
          <li><span className="swatch swatch-orders" />{t('home.legendOrders')}</li>
          <li><span className="swatch swatch-confirmed" />{t('home.legendConfirmed')}</li>
        </ul>
      </div>
      <div ref={ref} className="chart-box">
        {width > 0 && (
          <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} aria-hidden="true" className="chart-svg">
            {ticks.map((v) => (
              <g key={v} className="chart-grid">
                <line x1={x0} x2={x0 + plotW} y1={y(v)} y2={y(v)} />
                <text x={axisX} y={y(v)} dy="0.35em" textAnchor="middle">{fmt.number(v)}</text>
              </g>
            ))}
            {series.map((b, i) => {
              const x = slotX(i) + (slot - barW) / 2;
              return (
                <g key={b.local} data-i={i} data-local={b.local} data-orders={b.orders}>
                  <title>{t('home.bar', { when: labels[i].long, orders: fmt.number(b.orders), confirmed: fmt.number(b.confirmed) })}</title>
                  <rect className="bar-hit" x={slotX(i)} y={TOP} width={slot} height={plotH} />
                  {b.orders > 0 && <rect className="bar-orders" x={x} y={y(b.orders)} width={barW} height={y(0) - y(b.orders)} rx={Math.min(3, barW / 3)} />}
                  {b.confirmed > 0 && <rect className="bar-confirmed" x={x} y={y(b.confirmed)} width={barW} height={y(0) - y(b.confirmed)} rx={Math.min(3, barW / 3)} />}
                  {i % every === 0 && (
                    <text className="chart-tick" x={slotX(i) + slot / 2} y={HEIGHT - 8} textAnchor="middle">{labels[i].short}</text>
                  )}
                </g>
              );
            })}
          </svg>
        )}
        {stats.orders === 0 && <p className="chart-empty muted">{t('home.noOrders')}</p>}
      </div>
      <table className="visually-hidden" data-testid="orders-chart-table">
        <caption>{title}</caption>
        <TableHead cols={[hourly ? t('home.colHour') : t('home.colDay'), t('home.colOrders'), t('home.colConfirmed')]} />
        <tbody>
          {series.map((b, i) => (
            <tr key={b.local}>
              <th scope="row">{labels[i].long}</th>
              <td>{fmt.number(b.orders)}</td>
              <td>{fmt.number(b.confirmed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function validZone(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}
