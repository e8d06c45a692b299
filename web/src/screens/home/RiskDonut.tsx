import { useI18n } from '../../context.tsx';
import { RISK_LEVELS, type Stats } from './stats.ts';

const SIZE = 148;
const R = 54;
const STROKE = 22;
const C = 2 * Math.PI * R;

/**
 * The period's orders by risk level as a ring that starts at the top and runs with the reading
 * direction (clockwise in English, anticlockwise in Arabic), the total in the middle, and a
 * legend with each level's count and share: the legend is the text a screen reader reads (the
 * ring is hidden from it).
 */
export function RiskDonut({ stats }: { stats: Stats }) {
  const { t, fmt, dir } = useI18n();
  const levels = [...RISK_LEVELS, ...Object.keys(stats.by_risk).filter((k) => !(RISK_LEVELS as readonly string[]).includes(k))];
  const total = levels.reduce((n, k) => n + (stats.by_risk[k] ?? 0), 0);
  let at = 0;
  const arcs = levels.map((level) => {
    const n = stats.by_risk[level] ?? 0;
    const len = total ? (n / total) * C : 0;
    const arc = { level, n, len, offset: at };
    at += len;
    return arc;
  });
  const share = (n: number) => (total ? fmt.percent(n / total) : t('common.none'));
  return (
    <figure className="chart card risk-card" data-testid="risk-chart">
      <h2>{t('home.riskMix')}</h2>
      <div className="risk-body">
        <svg width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`} aria-hidden="true" className="donut">
          <g transform={`translate(${SIZE / 2} ${SIZE / 2}) scale(${dir === 'rtl' ? -1 : 1} 1) rotate(-90)`}>
            <circle r={R} className="donut-track" strokeWidth={STROKE} fill="none" />
            {arcs.filter((a) => a.len > 0).map((a) => (
              <circle
                key={a.level}
                r={R}
                fill="none"
                strokeWidth={STROKE}
                className={`donut-arc risk-${a.level}`}
                strokeDasharray={`${a.len} ${C - a.len}`}
                strokeDashoffset={-a.offset}
                data-level={a.level}
              />
            ))}
          </g>
          <text x={SIZE / 2} y={SIZE / 2} dy="0.35em" textAnchor="middle" className="donut-total">{fmt.number(total)}</text>
        </svg>
        <ul className="legend-list" aria-label={t('home.riskMix')}>
          {arcs.map((a) => (
            <li key={a.level} data-level={a.level}>
              <span className={`swatch risk-${a.level}`} aria-hidden="true" />
              <span className="legend-label">{t.code('risk', a.level)}</span>
              <span className="num strong">{fmt.number(a.n)}</span>
              <span className="num muted legend-share">{share(a.n)}</span>
            </li>
          ))}
        </ul>
      </div>
    </figure>
  );
}
