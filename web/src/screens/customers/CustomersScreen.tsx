import { useEffect, useRef, useState } from 'react';
import { api, ApiError, query as qs } from '../../api.ts';
import { useI18n } from '../../context.tsx';
import { latinizeInput } from '../../digits.ts';
import { Link, navigate } from '../../router.tsx';
import type { ScreenProps } from '../../routes.ts';
import type { Page } from '../../types.ts';
import { Icon } from '../../ui/icons.tsx';
import { ErrorState, Loading, useTitle } from '../../ui/states.tsx';
import { KNOWN_TAGS, TagBadge } from './tags.tsx';
import './customers.css';

/** A row of GET /v1/customers (the list): the record and its own orders. */
export interface CustomerRow {
  id: string;
  name: string;
  phone: string | null;
  phone_e164: string | null;
  email: string | null;
  order_count: number;
  tags: string[];
  orders_by_outcome: Record<string, number>;
  delivery_success_rate: number | null;
  last_order_at: string | null;
}

const PAGE = 50;

interface ListState {
  rows: CustomerRow[];
  next: string | null;
  state: 'loading' | 'ready' | 'more' | 'error';
  error?: unknown;
}

/** Success at the door as a colour too (never alone: the percentage is written beside it). */
const rateTone = (r: number) => (r >= 0.8 ? 'green' : r >= 0.5 ? 'amber' : 'red');

/** Everyone who ordered: search by name, phone in any digits or email; a tag; newest first, page by page. */
export default function CustomersScreen({ query }: ScreenProps) {
  const { t, fmt } = useI18n();
  useTitle(t('customers.title'));
  const q = query.get('q') ?? '';
  const tag = query.get('tag') ?? '';
  const [search, setSearch] = useState(q);
  const [tagText, setTagText] = useState(tag);
  const [list, setList] = useState<ListState>({ rows: [], next: null, state: 'loading' });
  const [tick, setTick] = useState(0);
  const ctrl = useRef<AbortController | null>(null);

  useEffect(() => {
    if (q !== search.trim()) setSearch(q);
  }, [q]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (tag !== tagText.trim()) setTagText(tag);
  }, [tag]); // eslint-disable-line react-hooks/exhaustive-deps

  const setParam = (k: 'q' | 'tag', v: string) => {
    const next = new URLSearchParams(query);
    if (v) next.set(k, v);
    else next.delete(k);
    const s = next.toString();
    navigate(`/customers${s ? `?${s}` : ''}`, { replace: true });
  };
  // Typing searches after a short pause, not on every key.
  useEffect(() => {
    if (search.trim() === q) return;
    const timer = setTimeout(() => setParam('q', search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (tagText.trim() === tag) return;
    const timer = setTimeout(() => setParam('tag', tagText.trim()), 300);
    return () => clearTimeout(timer);
  }, [tagText]); // eslint-disable-line react-hooks/exhaustive-deps

  const apiQuery = (cursor?: string | null) => qs({ q, tag, cursor, limit: PAGE });

  useEffect(() => {
    ctrl.current?.abort();
    const c = (ctrl.current = new AbortController());
    setList({ rows: [], next: null, state: 'loading' });
    api.get<Page<CustomerRow>>(`/v1/customers${apiQuery()}`, { signal: c.signal }).then(
      (page) => !c.signal.aborted && setList({ rows: page.data, next: page.next_cursor, state: 'ready' }),
      (error) => !c.signal.aborted && setList({ rows: [], next: null, state: 'error', error }),
    );
    return () => c.abort();
  }, [q, tag, tick]); // eslint-disable-line react-hooks/exhaustive-deps

  async function loadMore() {
    const c = ctrl.current!;
    setList((l) => ({ ...l, state: 'more' }));
    try {
      const page = await api.get<Page<CustomerRow>>(`/v1/customers${apiQuery(list.next)}`, { signal: c.signal });
      if (!c.signal.aborted) setList((l) => ({ rows: [...l.rows, ...page.data], next: page.next_cursor, state: 'ready' }));
    } catch (error) {
      if (!c.signal.aborted) setList((l) => ({ ...l, state: 'ready', error }));
    }
  }

  // A tag the server cannot read (two words) is said on the tag field, not as a broken list.
  const tagError = list.state === 'error' && list.error instanceof ApiError ? list.error.fields()['query.tag'] : undefined;
  const filtered = Boolean(q || tag);

  return (
    <div className="page page-wide customers-page">
      <div className="page-head">
        <h1 className="page-title">{t('customers.title')}</h1>
      </div>

      <div className="card filters customers-filters" role="search">
        <div className="search-box">
          <label htmlFor="customers-q" className="visually-hidden">
            {t('customers.searchLabel')}
          </label>
          <Icon name="search" className="search-icon" />
          <input
            id="customers-q"
            type="search"
            dir="auto"
            value={search}
            placeholder={t('customers.searchHint')}
            onChange={(e) => setSearch(latinizeInput(e.currentTarget))}
            autoComplete="off"
            data-testid="customers-search"
          />
        </div>
        <label className="filter customers-tag-filter">
          <span>{t('customers.tag')}</span>
          <input
            type="text"
            dir="auto"
            list="customers-known-tags"
            value={tagText}
            placeholder={t('customers.tagHint')}
            onChange={(e) => setTagText(e.currentTarget.value)}
            aria-invalid={tagError ? true : undefined}
            data-filter="tag"
          />
          <datalist id="customers-known-tags">
            {KNOWN_TAGS.map((k) => (
              <option key={k} value={k}>
                {t.code('customers.tag', k)}
              </option>
            ))}
          </datalist>
        </label>
        {filtered && (
          <button type="button" className="linkish clear-filters" onClick={() => navigate('/customers', { replace: true })}>
            {t('common.clear')}
          </button>
        )}
      </div>

      {list.state === 'loading' ? (
        <Loading />
      ) : list.state === 'error' ? (
        tagError ? (
          <p className="field-error" role="alert">{tagError}</p>
        ) : (
          <ErrorState error={list.error} onRetry={() => setTick((n) => n + 1)} />
        )
      ) : list.rows.length === 0 ? (
        <div className="card empty-card" data-testid="customers-empty">
          <span className="empty-icon">
            <Icon name="users" size={28} />
          </span>
          <p>{filtered ? t('customers.empty') : t('customers.emptyAll')}</p>
        </div>
      ) : (
        <>
          <div className="card table-card">
            <table className="table customers-table" data-testid="customers-table">
              <thead>
                <tr>
                  <th scope="col">{t('customers.name')}</th>
                  <th scope="col" className="num">{t('customers.orders')}</th>
                  <th scope="col">{t('customers.successRate')}</th>
                  <th scope="col">{t('customers.tags')}</th>
                  <th scope="col">{t('customers.lastOrder')}</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((c) => (
                  <tr key={c.id} data-customer={c.id} onClick={(e) => !(e.target as HTMLElement).closest('a') && navigate(`/customers/${c.id}`)}>
                    <td className="cell-who">
                      <Link to={`/customers/${c.id}`} className="strong customer-name">
                        <bdi>{c.name}</bdi>
                      </Link>
                      {(c.phone_e164 || c.phone) && (
                        <span className="muted small" data-phone>
                          <bdi dir="ltr">{fmt.digits(c.phone_e164 ?? c.phone ?? '')}</bdi>
                        </span>
                      )}
                      {c.email && (
                        <span className="muted small">
                          <bdi dir="ltr">{c.email}</bdi>
                        </span>
                      )}
                    </td>
                    <td className="num cell-count" data-label={t('customers.orders')}>
                      {fmt.number(c.order_count)}
                    </td>
                    <td className="cell-rate" data-label={t('customers.successRate')} data-rate={c.delivery_success_rate ?? ''}>
                      {c.delivery_success_rate === null ? (
                        <span className="muted small">{t('customers.noParcels')}</span>
                      ) : (
                        <span className="rate">
                          <span className={`rate-bar tone-${rateTone(c.delivery_success_rate)}`} aria-hidden="true">
                            <span style={{ inlineSize: `${Math.round(c.delivery_success_rate * 100)}%` }} />
                          </span>
                          {fmt.percent(c.delivery_success_rate)}
                        </span>
                      )}
                    </td>
                    <td className="cell-tags">
                      {c.tags.map((tg) => (
                        <TagBadge key={tg} tag={tg} />
                      ))}
                    </td>
                    <td className="cell-last" data-label={t('customers.lastOrder')}>
                      {c.last_order_at ? <time dateTime={c.last_order_at}>{fmt.date(c.last_order_at)}</time> : <span className="muted">{t('common.none')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="list-foot">
            <span className="muted" aria-live="polite">
              {t.plural('customers.shown', list.rows.length)}
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
