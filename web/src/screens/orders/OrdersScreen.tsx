import { useState } from 'react';
import { api, query as qs } from '../../api.ts';
import { useI18n } from '../../context.tsx';
import { navigate, Link } from '../../router.tsx';
import type { ScreenProps } from '../../routes.ts';
import type { Key } from '../../i18n/index.ts';
import type { Order, Page } from '../../types.ts';
import { Badge } from '../../ui/badges.tsx';
import { Icon } from '../../ui/icons.tsx';
import { FilterSelect, SearchBox, setQueryParam, useParamText } from '../../ui/filters.tsx';
import { EmptyCard, ListFoot } from '../../ui/list.tsx';
import { ErrorState, Loading, useTitle } from '../../ui/states.tsx';
import { useKeysetList } from '../../ui/useKeysetList.ts';
import { TableHead } from '../../ui/TableHead.tsx';
import { SavedViews } from './SavedViews.tsx';

const STATUSES = ['pending', 'on_hold', 'confirmed', 'processing', 'shipped', 'delivered', 'completed', 'cancelled', 'returned'];
const VERIFICATIONS = ['pending', 'awaiting_customer', 'call_queue', 'confirmed', 'auto_confirmed', 'ghost', 'not_required', 'cancelled'];
const RISKS = ['low', 'medium', 'high', 'blocked'];
const SOURCES = ['api', 'shopify', 'woocommerce', 'salla', 'zid', 'import', 'demo'];

/** The filters live in the address (`/orders?status=pending&risk=high`): shareable, and Back undoes one. */
const FILTER_KEYS = ['q', 'status', 'verification', 'risk', 'source', 'from', 'to'] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;
const PAGE = 50;
const FILTER_LABELS: Record<keyof Filters, Key> = {
  q: 'common.search', status: 'orders.status', verification: 'orders.verification', risk: 'orders.risk', source: 'orders.source', from: 'orders.from', to: 'orders.to',
};

export default function OrdersScreen({ query }: ScreenProps) {
  const { t, fmt } = useI18n();
  useTitle(t('orders.title'));
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ''])) as Filters;
  const key = JSON.stringify(filters);
  const dateProblem = filters.from && filters.to && filters.from > filters.to;
  const filtered = FILTER_KEYS.some((k) => filters[k]);
  const describeFilter = (k: keyof Filters, v: string) =>
    k === 'status' ? t.code('status', v) : k === 'verification' ? t.code('verification', v) : k === 'risk' ? t.code('risk', v)
      : k === 'source' ? t.code('source', v) : k === 'from' || k === 'to' ? fmt.day(v) : v;

  // The filters as a saved view keeps them, and in words for the person saving them.
  const current = new URLSearchParams(FILTER_KEYS.filter((k) => filters[k]).map((k) => [k, filters[k]])).toString();
  const described: [string, string][] = FILTER_KEYS.filter((k) => filters[k]).map((k) => [t(FILTER_LABELS[k]), describeFilter(k, filters[k])]);

  const setFilter = (k: keyof Filters, v: string) => setQueryParam('/orders', query, k, v);
  const [search, setSearch] = useParamText(filters.q, (v) => setFilter('q', v));
  const [showFilters, setShowFilters] = useState(false);
  const activeFilters = FILTER_KEYS.filter((k) => k !== 'q' && filters[k]).length;

  const apiQuery = (cursor: string | null) =>
    qs({
      q: filters.q,
      status: filters.status,
      verification: filters.verification,
      risk_level: filters.risk,
      source: filters.source,
      placed_from: filters.from,
      placed_to: filters.to,
      cursor,
      limit: PAGE,
    });
  // Dates the wrong way round are said under the filters; the list is not asked for them.
  const { list, loadMore, retry } = useKeysetList<Order>(key, (cursor, signal) => api.get<Page<Order>>(`/v1/orders${apiQuery(cursor)}`, { signal }), !dateProblem);

  const select = (k: keyof Filters, label: string, values: string[], prefix: string) => (
    <FilterSelect name={k} label={label} value={filters[k]} values={values} prefix={prefix} onValue={(v) => setFilter(k, v)} />
  );

  return (
    <div className="page page-wide">
      <div className="page-head">
        <h1 className="page-title">{t('orders.title')}</h1>
      </div>

      <SavedViews current={current} described={described} />

      <div className={`card filters${showFilters ? ' filters-open' : ''}`} role="search">
        <SearchBox
          id="orders-q"
          label={t('orders.searchLabel')}
          dir="auto"
          value={search}
          placeholder={t('orders.searchHint')}
          data-testid="orders-search"
          onText={setSearch}
        />
        <button type="button" className="btn btn-outline btn-small filters-toggle" aria-expanded={showFilters} aria-controls="order-filters" onClick={() => setShowFilters((v) => !v)}>
          <Icon name="filter" size={16} />
          {activeFilters ? t.plural('orders.activeFilters', activeFilters) : t('orders.filters')}
        </button>
        <div className="filter-row" id="order-filters">
          {select('status', t('orders.status'), STATUSES, 'status')}
          {select('verification', t('orders.verification'), VERIFICATIONS, 'verification')}
          {select('risk', t('orders.risk'), RISKS, 'risk')}
          {select('source', t('orders.source'), SOURCES, 'source')}
          <label className="filter">
            <span>{t('orders.from')}</span>
            <input type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => setFilter('from', e.currentTarget.value)} aria-invalid={dateProblem ? true : undefined} />
          </label>
          <label className="filter">
            <span>{t('orders.to')}</span>
            <input type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => setFilter('to', e.currentTarget.value)} aria-invalid={dateProblem ? true : undefined} />
          </label>
        </div>
        {dateProblem && <p className="field-error">{t('orders.dateInvalid')}</p>}
        {filtered && (
          <button type="button" className="linkish clear-filters" onClick={() => navigate('/orders', { replace: true })}>
            {t('common.clear')}
          </button>
        )}
      </div>

      {list.state === 'loading' && !dateProblem ? (
        <Loading />
      ) : list.state === 'error' ? (
        <ErrorState error={list.error} onRetry={retry} />
      ) : list.rows.length === 0 ? (
        <EmptyCard icon="orders" text={filtered ? t('orders.empty') : t('orders.emptyAll')} testId="orders-empty" />
      ) : (
        <>
          <div className="card table-card">
            <table className="table orders-table" data-testid="orders-table">
              <TableHead cols={[t('orders.number'), t('orders.placed'), t('orders.customer'), { label: t('orders.total'), num: true }, t('orders.status'), t('orders.verification'), t('orders.risk')]} />
              <tbody>
                {list.rows.map((o) => (
                  <tr key={o.id} data-order={o.id} onClick={(e) => !(e.target as HTMLElement).closest('a') && navigate(`/orders/${o.id}`)}>
                    <td className="cell-number">
                      <Link to={`/orders/${o.id}`} className="order-link">
                        #{fmt.plain(o.number)}
                      </Link>
                      <span className="muted small">{t.code('source', o.source)}</span>
                    </td>
                    <td className="cell-date" data-label={t('orders.placed')}>
                      <time dateTime={o.placed_at} title={fmt.relative(o.placed_at)}>
                        <span className="nowrap">{fmt.date(o.placed_at)}</span> <span className="nowrap muted">{fmt.time(o.placed_at)}</span>
                      </time>
                    </td>
                    <td className="cell-customer">
                      <span className="strong">
                        <bdi>{o.customer.name}</bdi>
                      </span>
                      {(o.customer.phone_e164 || o.customer.phone) && (
                        <span className="muted small">
                          <bdi dir="ltr">{fmt.digits(o.customer.phone_e164 ?? o.customer.phone ?? '')}</bdi>
                        </span>
                      )}
                    </td>
                    <td className="num cell-total" data-label={t('orders.total')}>
                      <span className="strong">{fmt.money(o.totals.total, o.totals.currency)}</span>
                      <span className="muted small">{t.code('payment', o.payment.method)}</span>
                    </td>
                    <td className="cell-badge">
                      <Badge kind="status" code={o.status} />
                    </td>
                    <td className="cell-badge" data-label={t('orders.verification')}>
                      <Badge kind="verification" code={o.verification?.status} />
                    </td>
                    <td className="cell-badge" data-label={t('orders.risk')}>
                      <Badge kind="risk" code={o.risk?.level} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ListFoot list={list} shown={t.plural('orders.shown', list.rows.length)} onMore={loadMore} />
        </>
      )}
    </div>
  );
}
