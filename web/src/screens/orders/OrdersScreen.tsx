import { useEffect, useRef, useState } from 'react';
import { api, query as qs } from '../../api.ts';
import { useI18n } from '../../context.tsx';
import { latinizeInput } from '../../digits.ts';
import { navigate, Link } from '../../router.tsx';
import type { ScreenProps } from '../../routes.ts';
import type { Key } from '../../i18n/index.ts';
import type { Order, Page } from '../../types.ts';
import { Badge } from '../../ui/badges.tsx';
import { Icon } from '../../ui/icons.tsx';
import { ErrorState, Loading, useTitle } from '../../ui/states.tsx';
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

interface ListState {
  orders: Order[];
  next: string | null;
  state: 'loading' | 'ready' | 'more' | 'error';
  error?: unknown;
}

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

  const [search, setSearch] = useState(filters.q);
  const [showFilters, setShowFilters] = useState(false);
  const activeFilters = FILTER_KEYS.filter((k) => k !== 'q' && filters[k]).length;
  const [list, setList] = useState<ListState>({ orders: [], next: null, state: 'loading' });
  const ctrl = useRef<AbortController | null>(null);
  const [tick, setTick] = useState(0);

  // Back/forward changed the search in the address: show it in the box (but never undo what is
  // being typed: "سارة " waiting for its next word is the same search as "سارة").
  useEffect(() => {
    if (filters.q !== search.trim()) setSearch(filters.q);
  }, [filters.q]); // eslint-disable-line react-hooks/exhaustive-deps

  const setFilter = (k: keyof Filters, v: string) => {
    const next = new URLSearchParams(query);
    if (v) next.set(k, v);
    else next.delete(k);
    const s = next.toString();
    navigate(`/orders${s ? `?${s}` : ''}`, { replace: true });
  };

  // Typing searches after a short pause, not on every key.
  useEffect(() => {
    if (search.trim() === filters.q) return;
    const timer = setTimeout(() => setFilter('q', search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]); // eslint-disable-line react-hooks/exhaustive-deps

  const apiQuery = (cursor?: string | null) =>
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

  useEffect(() => {
    if (dateProblem) return;
    ctrl.current?.abort();
    const c = (ctrl.current = new AbortController());
    setList({ orders: [], next: null, state: 'loading' });
    api.get<Page<Order>>(`/v1/orders${apiQuery()}`, { signal: c.signal }).then(
      (page) => !c.signal.aborted && setList({ orders: page.data, next: page.next_cursor, state: 'ready' }),
      (error) => !c.signal.aborted && setList({ orders: [], next: null, state: 'error', error }),
    );
    return () => c.abort();
  }, [key, tick]); // eslint-disable-line react-hooks/exhaustive-deps

  async function loadMore() {
    const c = ctrl.current!;
    setList((l) => ({ ...l, state: 'more' }));
    try {
      const page = await api.get<Page<Order>>(`/v1/orders${apiQuery(list.next)}`, { signal: c.signal });
      if (!c.signal.aborted) setList((l) => ({ orders: [...l.orders, ...page.data], next: page.next_cursor, state: 'ready' }));
    } catch (error) {
      if (!c.signal.aborted) setList((l) => ({ ...l, state: 'ready', error }));
    }
  }

  const select = (k: keyof Filters, label: string, values: string[], prefix: string) => (
    <label className="filter">
      <span>{label}</span>
      <select value={filters[k]} onChange={(e) => setFilter(k, e.currentTarget.value)} data-filter={k}>
        <option value="">{t('common.all')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {t.code(prefix, v)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="page page-wide">
      <div className="page-head">
        <h1 className="page-title">{t('orders.title')}</h1>
      </div>

      <SavedViews current={current} described={described} />

      <div className={`card filters${showFilters ? ' filters-open' : ''}`} role="search">
        <div className="search-box">
          <label htmlFor="orders-q" className="visually-hidden">
            {t('orders.searchLabel')}
          </label>
          <Icon name="search" className="search-icon" />
          <input
            id="orders-q"
            type="search"
            dir="auto"
            value={search}
            placeholder={t('orders.searchHint')}
            onChange={(e) => setSearch(latinizeInput(e.currentTarget))}
            autoComplete="off"
            data-testid="orders-search"
          />
        </div>
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
        <ErrorState error={list.error} onRetry={() => setTick((n) => n + 1)} />
      ) : list.orders.length === 0 ? (
        <div className="card empty-card" data-testid="orders-empty">
          <span className="empty-icon">
            <Icon name="orders" size={28} />
          </span>
          <p>{filtered ? t('orders.empty') : t('orders.emptyAll')}</p>
        </div>
      ) : (
        <>
          <div className="card table-card">
            <table className="table orders-table" data-testid="orders-table">
              <thead>
                <tr>
                  <th scope="col">{t('orders.number')}</th>
                  <th scope="col">{t('orders.placed')}</th>
                  <th scope="col">{t('orders.customer')}</th>
                  <th scope="col" className="num">
                    {t('orders.total')}
                  </th>
                  <th scope="col">{t('orders.status')}</th>
                  <th scope="col">{t('orders.verification')}</th>
                  <th scope="col">{t('orders.risk')}</th>
                </tr>
              </thead>
              <tbody>
                {list.orders.map((o) => (
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
          <div className="list-foot">
            <span className="muted" aria-live="polite">
              {t.plural('orders.shown', list.orders.length)}
            </span>
            {list.next && (
              <button type="button" className="btn btn-outline" onClick={loadMore} disabled={list.state === 'more'} data-testid="load-more">
                {list.state === 'more' ? t('common.loadingMore') : t('common.loadMore')}
              </button>
            )}
          </div>
          {list.error !== undefined && list.state === 'ready' && <ErrorState error={list.error} />}
        </>
      )}
    </div>
  );
}
