import { api } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import { Link } from '../../router.tsx';
import type { Customer, Order } from '../../types.ts';
import { Badge } from '../../ui/badges.tsx';
import { RiskReasons } from '../../ui/RiskReasons.tsx';
import { ErrorState, Loading, useLoad } from '../../ui/states.tsx';

/** What was ordered: each line, and the total the customer pays. */
export function Lines({ order }: { order: Order }) {
  const { t, fmt } = useI18n();
  const cur = order.totals.currency;
  return (
    <section className="card cq-lines" aria-labelledby="cq-lines-h" data-testid="lines">
      <h2 id="cq-lines-h">{t('order.lines')}</h2>
      <ul className="cq-line-list">
        {order.lines.map((l, i) => (
          <li key={i}>
            <span>
              <bdi className="strong">{l.name ?? l.sku}</bdi> <span className="muted">× {fmt.number(l.quantity)}</span>
            </span>
            <span className="num">{fmt.money(l.total, cur)}</span>
          </li>
        ))}
      </ul>
      <dl className="totals">
        {Number(order.totals.shipping) > 0 && (
          <div>
            <dt>{t('order.shipping')}</dt>
            <dd>{fmt.money(order.totals.shipping, cur)}</dd>
          </div>
        )}
        <div className="grand">
          <dt>{t('order.total')}</dt>
          <dd data-testid="cq-total">{fmt.money(order.totals.total, cur)}</dd>
        </div>
      </dl>
      <p className="muted small">
        {t.code('payment', order.payment.method)} · {t.code('paymentStatus', order.payment.status)}
      </p>
    </section>
  );
}

/** Customer analysis: the level and every reason, in the reader's language. */
export function Risk({ order }: { order: Order }) {
  const { t } = useI18n();
  return (
    <section className="card cq-risk" aria-labelledby="cq-risk-h" data-testid="risk">
      <h2 id="cq-risk-h">
        {t('order.risk')} <Badge kind="risk" code={order.risk?.level} />
      </h2>
      <RiskReasons reasons={order.risk?.reasons ?? []} />
    </section>
  );
}

const OUTCOMES = ['delivered', 'refused', 'returned', 'ghost', 'cancelled', 'open'] as const;
const BAD = new Set(['refused', 'returned', 'ghost']);

/** How the customer's orders ended: what tells an agent to take more care on this call. */
export function History({ customerId }: { customerId: string }) {
  const { t, fmt } = useI18n();
  const { can } = useSession();
  const [loaded, reload] = useLoad((signal) => api.get<Customer>(`/v1/customers/${encodeURIComponent(customerId)}`, { signal }), [customerId]);
  return (
    <section className="card cq-history" aria-labelledby="cq-history-h" data-testid="history">
      <h2 id="cq-history-h">{t('callQueue.history')}</h2>
      {loaded.state === 'loading' ? (
        <Loading />
      ) : loaded.state === 'error' ? (
        <ErrorState error={loaded.error} onRetry={reload} />
      ) : (
        <>
          <p>
            {loaded.data.order_count <= 1 ? t('callQueue.historyFirst') : t.plural('callQueue.historyOrders', loaded.data.order_count)}
            {loaded.data.delivery_success_rate !== null && (
              <>
                {' · '}
                {t('callQueue.historyRate', { rate: fmt.percent(loaded.data.delivery_success_rate) })}
              </>
            )}
          </p>
          <ul className="outcomes cq-outcome-counts">
            {OUTCOMES.map((k) => {
              const n = loaded.data.orders_by_outcome?.[k] ?? 0;
              return (
                <li key={k} data-outcome={k} data-count={n} className={BAD.has(k) && n > 0 ? 'cq-bad' : undefined}>
                  <span>{t(`customer.outcome.${k}`)}</span>
                  <strong>{fmt.number(n)}</strong>
                </li>
              );
            })}
          </ul>
          {can('customers.read') && (
            <Link to={`/customers/${customerId}`} className="linkish">
              {t('order.customerPage')}
            </Link>
          )}
        </>
      )}
    </section>
  );
}
