import type { ReactNode } from 'react';
import { api } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import { Link } from '../../router.tsx';
import type { ScreenProps } from '../../routes.ts';
import { Icon } from '../../ui/icons.tsx';
import { ErrorState, Loading, useLoad, useTitle } from '../../ui/states.tsx';
import { OrdersChart } from './OrdersChart.tsx';
import { RiskDonut } from './RiskDonut.tsx';
import { StatusBars } from './StatusBars.tsx';
import { duration, isPeriod, PERIODS, type PeriodName, type Stats } from './stats.ts';
import './home.css';

/**
 * The home screen: a greeting, then for those who may read orders the store's dashboard for
 * the period chosen (today, 7, 30 or 90 days; kept in the address as `?period=`), and the two
 * lists someone opens first.
 */
export default function HomeScreen({ query }: ScreenProps) {
  const { t } = useI18n();
  const { me, can } = useSession();
  useTitle(null);
  const greeting = (
    <h1 className="page-title" dir="auto">
      {t('home.title', { name: me.user.name })}
    </h1>
  );
  if (!can('orders.read')) return <div className="page home-page">{greeting}</div>;
  const raw = query.get('period');
  return <Dashboard greeting={greeting} period={isPeriod(raw) ? raw : 'today'} />;
}

function Dashboard({ greeting, period }: { greeting: ReactNode; period: PeriodName }) {
  const { t, fmt } = useI18n();
  const [loaded, reload] = useLoad((signal) => api.get<Stats>(`/v1/stats?period=${period}`, { signal }), [period]);
  const stats = loaded.state === 'ready' ? loaded.data : null;
  const range = stats
    ? period === 'today'
      ? t('home.rangeToday', { day: fmt.day(stats.period.from) })
      : t('home.range', { from: fmt.day(stats.period.from), to: fmt.day(stats.period.to) })
    : '\u00a0';

  return (
    <div className="page page-wide home-page">
      <div className="home-head">
        <div>
          {greeting}
          <p className="muted home-range" data-testid="home-range">{range}</p>
        </div>
        <nav className="period-switch" aria-label={t('home.period')} data-testid="period-switch">
          {PERIODS.map(([p, days]) => (
            <Link key={p} to={p === 'today' ? '/' : `/?period=${p}`} data-period={p} aria-current={p === period ? 'true' : undefined} className="period-option">
              {p === 'today' ? t('home.today') : t.plural('home.lastDays', days)}
            </Link>
          ))}
        </nav>
      </div>

      {loaded.state === 'loading' ? (
        <Loading />
      ) : loaded.state === 'error' ? (
        <ErrorState error={loaded.error} onRetry={reload} />
      ) : (
        <Numbers stats={loaded.data} />
      )}

      <p className="home-lead">{t('home.text')}</p>
      <div className="quick-links">
        <Link to="/orders?status=pending" className="card quick-link">
          <Icon name="clock" />
          <span>{t('home.pending')}</span>
          <Icon name="forward" className="quick-go" />
        </Link>
        <Link to="/orders?status=on_hold" className="card quick-link">
          <Icon name="pause" />
          <span>{t('home.onHold')}</span>
          <Icon name="forward" className="quick-go" />
        </Link>
      </div>
    </div>
  );
}

function Tile({ id, label, value, children, hint }: { id: string; label: string; value: string; children?: ReactNode; hint?: string }) {
  return (
    <div className="card home-tile" data-testid={`tile-${id}`} title={hint}>
      <span className="muted tile-label">{label}</span>
      <strong className="tile-value">{value}</strong>
      {children && <div className="muted small tile-sub">{children}</div>}
    </div>
  );
}

function Numbers({ stats }: { stats: Stats }) {
  const { t, fmt } = useI18n();
  const { can } = useSession();
  const c = stats.confirmation;
  const none = t('common.none');
  const pct = (r: number | null) => (r === null ? none : fmt.percent(r));
  return (
    <>
      <div className="home-tiles">
        <Tile id="orders" label={t('home.orders')} value={fmt.number(stats.orders)} />
        <Tile id="rate" label={t('home.confirmationRate')} value={pct(c.rate)} hint={t('home.rateHint')}>
          {t('home.confirmedOf', { confirmed: fmt.number(c.confirmed), settled: fmt.number(c.settled) })}
        </Tile>
        <Tile id="time" label={t('home.timeToConfirm')} value={c.median_seconds === null ? none : duration(c.median_seconds, t)}>
          {c.timed > 0 && t.plural('home.timed', c.timed)}
        </Tile>
        <Tile id="ghost" label={t('home.ghostRate')} value={pct(c.ghost_rate)}>
          {t('home.ghostsOf', { ghost: fmt.number(c.ghost), settled: fmt.number(c.settled) })}
        </Tile>
        <Tile id="queue" label={t('home.waiting')} value={fmt.number(stats.call_queue.waiting)} hint={t('home.waitingNote')}>
          {t.plural('home.dueNow', stats.call_queue.due)}
          {can('call_queue.work') && (
            <Link to="/call-queue" className="tile-link" data-testid="open-call-queue">
              {t('home.openQueue')}
              <Icon name="forward" size={16} />
            </Link>
          )}
        </Tile>
        <Tile id="auto" label={t('home.autoConfirmed')} value={fmt.number(c.auto_confirmed)}>
          {t('home.autoNote')}
        </Tile>
      </div>
      <section className="card">
        <OrdersChart stats={stats} />
      </section>
      <div className="home-grid">
        <RiskDonut stats={stats} />
        <StatusBars stats={stats} />
      </div>
    </>
  );
}
