import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import type { Key } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import type { ScreenProps } from '../../routes.ts';
import { Badge } from '../../ui/badges.tsx';
import { Icon } from '../../ui/icons.tsx';
import { ErrorState, Loading, useLoad, useTitle } from '../../ui/states.tsx';
import { TableHead } from '../../ui/TableHead.tsx';
import { Identities } from './Identities.tsx';
import { OUTCOMES, Outcomes } from './Outcomes.tsx';
import { identitiesOf, type Profile } from './profile.ts';
import { TagEditor } from './TagEditor.tsx';
import './customer.css';

const OUTCOME_TONE: Record<string, string> = { delivered: 'green', refused: 'red', returned: 'orange', ghost: 'purple', cancelled: 'grey', open: 'blue' };

/**
 * A customer's profile as customer analysis sees it: the person's phones, emails and addresses
 * (and whether each is on the blocklist or allowlist), the customers linked to them, how their
 * orders ended, their tags, and the newest orders behind the risk reasons.
 */
export default function CustomerScreen({ params }: ScreenProps) {
  const { t, fmt } = useI18n();
  const { can } = useSession();
  const [flash, setFlash] = useState<string | null>(null);
  const [loaded, reload] = useLoad((signal) => api.get<Profile>(`/v1/customers/${encodeURIComponent(params.id)}`, { signal }), [params.id]);
  const c = loaded.state === 'ready' ? loaded.data : null;
  useTitle(c?.name ?? t('customer.title'));
  const back = (
    <Link to="/customers" className="back-link" onClick={(e) => { if (history.length > 1) { e.preventDefault(); history.back(); } }}>
      <Icon name="back" size={18} />
      {t('common.back')}
    </Link>
  );
  if (loaded.state === 'loading') return <div className="page">{back}<Loading /></div>;
  if (loaded.state === 'error') {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return <div className="page">{back}{missing ? <div className="notice notice-info" role="alert"><p>{t('common.notFound')}</p></div> : <ErrorState error={loaded.error} onRetry={reload} />}</div>;
  }
  const cu = loaded.data;
  const total = OUTCOMES.reduce((n, k) => n + (cu.orders_by_outcome?.[k] ?? 0), 0);
  const changed = (message: string) => {
    setFlash(message);
    reload();
  };

  return (
    <div className="page page-wide customer-page" data-customer={cu.id}>
      {back}
      <div className="customer-head">
        <h1 className="page-title">
          <bdi>{cu.name}</bdi>
        </h1>
        <p className="muted customer-meta">
          {cu.phone_e164 && <bdi dir="ltr">{fmt.digits(cu.phone_e164)}</bdi>}
          {cu.email && <bdi dir="ltr">{cu.email}</bdi>}
          {cu.first_order_at && <span>{t('customer.since', { date: fmt.date(cu.first_order_at) })}</span>}
        </p>
      </div>
      {flash && (
        <div className="notice notice-success" role="status" data-testid="flash">
          <Icon name="check" />
          <p>{flash}</p>
        </div>
      )}

      <div className="stats" data-testid="customer-stats">
        <div className="card stat">
          <span className="muted">{t('customer.orders')}</span>
          <strong data-stat="orders">{fmt.number(total)}</strong>
        </div>
        <div className="card stat">
          <span className="muted">{t('customer.successRate')}</span>
          <strong data-stat="success-rate">{cu.delivery_success_rate === null ? t('common.none') : fmt.percent(cu.delivery_success_rate)}</strong>
        </div>
        <div className="card stat">
          <span className="muted">{t('customer.lifetime')}</span>
          <strong data-stat="lifetime">{cu.lifetime_value ? fmt.money(cu.lifetime_value.amount, cu.lifetime_value.currency) : t('common.none')}</strong>
        </div>
        <div className="card stat">
          <span className="muted">{t('customer.firstOrder')}</span>
          <strong>{cu.first_order_at ? fmt.date(cu.first_order_at) : t('common.none')}</strong>
        </div>
        <div className="card stat">
          <span className="muted">{t('customer.lastOrder')}</span>
          <strong>{cu.last_order_at ? fmt.date(cu.last_order_at) : t('common.none')}</strong>
        </div>
      </div>

      <div className="customer-grid">
        <div className="customer-main">
          <section className="card">
            <h2>{t('customer.byOutcome')}</h2>
            <Outcomes counts={cu.orders_by_outcome ?? {}} />
          </section>
          <section className="card" data-testid="latest-orders">
            <h2>{t('customer.latest')}</h2>
            {cu.orders.length === 0 ? (
              <p className="muted">{t('customer.noOrders')}</p>
            ) : (
              <div className="table-scroll">
                <table className="table customer-orders">
                  <TableHead cols={[t('customer.col.order'), t('customer.col.placed'), t('customer.col.outcome'), { label: t('customer.col.total'), num: true }]} />
                  <tbody>
                    {cu.orders.map((o) => (
                      <tr key={o.id} data-order={o.id}>
                        <td>
                          <Link to={`/orders/${o.id}`} className="order-link">
                            #{fmt.plain(o.number)}
                          </Link>
                        </td>
                        <td className="nowrap">{fmt.date(o.placed_at)}</td>
                        <td>
                          {/* Settled: how it ended; still open: where it stands now. */}
                          {o.outcome === 'open' ? (
                            <Badge kind="status" code={o.status} />
                          ) : (
                            <span className={`badge tone-${OUTCOME_TONE[o.outcome] ?? 'grey'}`} data-outcome={o.outcome}>
                              {t.code('customer.outcome', o.outcome)}
                            </span>
                          )}
                        </td>
                        <td className="num">{fmt.money(o.total, o.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Link to={`/orders?q=${encodeURIComponent(cu.phone_e164 ?? cu.name)}`} className="linkish">
              {t('customer.allOrders')}
            </Link>
          </section>
        </div>

        <div className="customer-side">
          <section className="card">
            <h2>{t('customer.tags')}</h2>
            <TagEditor customerId={cu.id} tags={cu.tags ?? []} editable={can('customers.tag')} onChanged={changed} />
          </section>
          <section className="card">
            <h2>{t('customer.identities')}</h2>
            <Identities identities={identitiesOf(cu)} onFlash={setFlash} />
          </section>
          <section className="card" data-testid="linked">
            <h2>{t('customer.linked')}</h2>
            {cu.linked_customers.length === 0 ? (
              <p className="muted">{t('customer.noLinked')}</p>
            ) : (
              <ul className="linked-list">
                {cu.linked_customers.map((l) => (
                  <li key={l.id} data-linked={l.id}>
                    <Link to={`/customers/${l.id}`} className="strong">
                      <bdi>{l.name}</bdi>
                    </Link>
                    {l.phone_e164 && (
                      <span className="muted small">
                        <bdi dir="ltr">{fmt.digits(l.phone_e164)}</bdi>
                      </span>
                    )}
                    <span className="small">{t(`customer.linkedBy.${l.linked_by}` as Key)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
