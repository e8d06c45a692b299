import { useI18n } from '../../context.tsx';
import { Link } from '../../router.tsx';
import { STATUSES, type Stats } from './stats.ts';

/**
 * The period's orders by status, in the order an order moves, as bars that grow from the
 * inline start (the right in Arabic). Each row opens the orders list with that status and the
 * period's days. Rows are text, so they are their own accessible equivalent.
 */
export function StatusBars({ stats }: { stats: Stats }) {
  const { t, fmt } = useI18n();
  const codes = [...STATUSES, ...Object.keys(stats.by_status).filter((k) => !(STATUSES as readonly string[]).includes(k))];
  const rows = codes.map((code) => ({ code, n: stats.by_status[code] ?? 0 })).filter((r) => r.n > 0);
  const most = Math.max(1, ...rows.map((r) => r.n));
  const { from, to } = stats.period;
  return (
    <section className="card status-card" data-testid="status-chart">
      <h2>{t('home.byStatus')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('home.noOrders')}</p>
      ) : (
        <ul className="status-bars">
          {rows.map((r) => (
            <li key={r.code} data-status={r.code}>
              <Link to={`/orders?status=${r.code}&from=${from}&to=${to}`} className="status-name" title={t('home.showOrders')}>
                {t.code('status', r.code)}
              </Link>
              <span className="status-track" aria-hidden="true">
                <span className={`status-fill status-${r.code}`} style={{ inlineSize: `${(100 * r.n) / most}%` }} />
              </span>
              <span className="num strong">{fmt.number(r.n)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
