import { api, ApiError, query as qs } from '../../api.ts';
import { useI18n } from '../../context.tsx';
import { Link, navigate } from '../../router.tsx';
import type { ScreenProps } from '../../routes.ts';
import type { Customer, Page } from '../../types.ts';
import { SearchBox, setQueryParam, useParamText } from '../../ui/filters.tsx';
import { EmptyCard, ListFoot } from '../../ui/list.tsx';
import { ErrorState, Loading, useTitle } from '../../ui/states.tsx';
import { useKeysetList } from '../../ui/useKeysetList.ts';
import { TableHead } from '../../ui/TableHead.tsx';
import { KNOWN_TAGS, TagBadge } from './tags.tsx';
import './customers.css';

/** A row of GET /v1/customers (the list): the record and its own orders. */
export type CustomerRow = Pick<Customer, 'id' | 'name' | 'phone' | 'phone_e164' | 'email' | 'order_count' | 'tags' | 'orders_by_outcome' | 'delivery_success_rate'> & {
  last_order_at: string | null;
};

const PAGE = 50;

/** Success at the door as a colour too (never alone: the percentage is written beside it). */
const rateTone = (r: number) => (r >= 0.8 ? 'green' : r >= 0.5 ? 'amber' : 'red');

/** Everyone who ordered: search by name, phone in any digits or email; a tag; newest first, page by page. */
export default function CustomersScreen({ query }: ScreenProps) {
  const { t, fmt } = useI18n();
  useTitle(t('customers.title'));
  const q = query.get('q') ?? '';
  const tag = query.get('tag') ?? '';
  const setParam = (k: 'q' | 'tag', v: string) => setQueryParam('/customers', query, k, v);
  const [search, setSearch] = useParamText(q, (v) => setParam('q', v));
  const [tagText, setTagText] = useParamText(tag, (v) => setParam('tag', v));
  const { list, loadMore, retry } = useKeysetList<CustomerRow>(JSON.stringify([q, tag]), (cursor, signal) =>
    api.get<Page<CustomerRow>>(`/v1/customers${qs({ q, tag, cursor, limit: PAGE })}`, { signal }),
  );

  // A tag the server cannot read (two words) is said on the tag field, not as a broken list.
  const tagError = list.state === 'error' && list.error instanceof ApiError ? list.error.fields()['query.tag'] : undefined;
  const filtered = Boolean(q || tag);

  return (
    <div className="page page-wide customers-page">
      <div className="page-head">
        <h1 className="page-title">{t('customers.title')}</h1>
      </div>

      <div className="card filters customers-filters" role="search">
        <SearchBox
          id="customers-q"
          label={t('customers.searchLabel')}
          dir="auto"
          value={search}
          placeholder={t('customers.searchHint')}
          data-testid="customers-search"
          onText={setSearch}
        />
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
          <ErrorState error={list.error} onRetry={retry} />
        )
      ) : list.rows.length === 0 ? (
        <EmptyCard icon="users" text={filtered ? t('customers.empty') : t('customers.emptyAll')} testId="customers-empty" />
      ) : (
        <>
          <div className="card table-card">
            <table className="table customers-table" data-testid="customers-table">
              <TableHead cols={[t('customers.name'), { label: t('customers.orders'), num: true }, t('customers.successRate'), t('customers.tags'), t('customers.lastOrder')]} />
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
          <ListFoot list={list} shown={t.plural('customers.shown', list.rows.length)} onMore={loadMore} />
        </>
      )}
    </div>
  );
}
