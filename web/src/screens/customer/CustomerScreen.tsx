import { api } from '../../api.ts';
import { useI18n } from '../../context.tsx';
import { Link } from '../../router.tsx';
import type { ScreenProps } from '../../routes.ts';
import type { Customer } from '../../types.ts';
import { Badge } from '../../ui/badges.tsx';
import { Icon } from '../../ui/icons.tsx';
import { ErrorState, Loading, useLoad, useTitle } from '../../ui/states.tsx';

const OUTCOMES = ['delivered', 'refused', 'returned', 'ghost', 'cancelled', 'open'] as const;

/** A customer's profile as customer analysis sees it: how their orders ended, and the orders. */
export default function CustomerScreen({ params }: ScreenProps) {
  const { t, fmt } = useI18n();
  const [loaded, reload] = useLoad((signal) => api.get<Customer>(`/v1/customers/${encodeURIComponent(params.id)}`, { signal }), [params.id]);
  const c = loaded.state === 'ready' ? loaded.data : null;
  useTitle(c?.name ?? t('customer.title'));
  const back = (
    <a href="/orders" className="back-link" onClick={(e) => { if (history.length > 1) { e.preventDefault(); history.back(); } }}>
      <Icon name="back" size={18} />
      {t('common.back')}
    </a>
  );
  if (loaded.state === 'loading') return <div className="page">{back}<Loading /></div>;
  if (loaded.state === 'error') return <div className="page">{back}<ErrorState error={loaded.error} onRetry={reload} /></div>;
  const cu = loaded.data;
  return (
    <div className="page page-wide" data-customer={cu.id}>
      {back}
      <h1 className="page-title" dir="auto">{cu.name}</h1>
      <p className="muted">
        {cu.phone_e164 && <bdi dir="ltr">{fmt.digits(cu.phone_e164)}</bdi>}
        {cu.phone_e164 && cu.email && ' · '}
        {cu.email && <bdi dir="ltr">{cu.email}</bdi>}
      </p>
      <div className="stats">
        <div className="card stat">
          <span className="muted">{t('customer.orders')}</span>
          <strong>{fmt.number(cu.order_count)}</strong>
        </div>
        <div className="card stat">
          <span className="muted">{t('customer.successRate')}</span>
          <strong>{cu.delivery_success_rate === null ? t('common.none') : fmt.percent(cu.delivery_success_rate)}</strong>
        </div>
        <div className="card stat">
          <span className="muted">{t('customer.lifetime')}</span>
          <strong>{cu.lifetime_value ? fmt.money(cu.lifetime_value.amount, cu.lifetime_value.currency) : t('common.none')}</strong>
        </div>
        <div className="card stat">
          <span className="muted">{t('customer.lastOrder')}</span>
          <strong>{cu.last_order_at ? fmt.date(cu.last_order_at) : t('common.none')}</strong>
        </div>
      </div>
      <section className="card">
        <h2>{t('customer.orders')}</h2>
        <ul className="outcomes">
          {OUTCOMES.map((k) => (
            <li key={k}>
              <span>{t(`customer.outcome.${k}`)}</span>
              <strong>{fmt.number(cu.orders_by_outcome?.[k] ?? 0)}</strong>
            </li>
          ))}
        </ul>
        {cu.tags?.length > 0 && (
          <p>
            <span className="muted">{t('customer.tags')}: </span>
            {cu.tags.map((tag) => <span key={tag} className="badge tone-grey" dir="auto">{tag}</span>)}
          </p>
        )}
        <table className="table">
          <tbody>
            {cu.orders.map((o) => (
              <tr key={o.id}>
                <td><Link to={`/orders/${o.id}`} className="order-link">#{fmt.plain(o.number)}</Link></td>
                <td>{fmt.date(o.placed_at)}</td>
                <td className="num">{fmt.money(o.total, o.currency)}</td>
                <td><Badge kind="status" code={o.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        <Link to={`/orders?q=${encodeURIComponent(cu.phone_e164 ?? cu.name)}`} className="linkish">{t('customer.allOrders')}</Link>
      </section>
    </div>
  );
}
