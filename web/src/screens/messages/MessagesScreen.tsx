import { api, ApiError, query as qs } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import { toLatinDigits } from '../../digits.ts';
import { navigate } from '../../router.tsx';
import type { ScreenProps } from '../../routes.ts';
import type { Order, Page } from '../../types.ts';
import { Icon } from '../../ui/icons.tsx';
import { FilterSelect, SearchBox, setQueryParam, useParamText } from '../../ui/filters.tsx';
import { EmptyCard, ListFoot } from '../../ui/list.tsx';
import { ErrorState, Loading, useTitle } from '../../ui/states.tsx';
import { useKeysetList } from '../../ui/useKeysetList.ts';
import { MessageItem, type MessageRow } from './MessageItem.tsx';
import './messages.css';

const CHANNELS = ['sms', 'whatsapp', 'email'];
const STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed'];
const FILTER_KEYS = ['q', 'channel', 'status'] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;
const PAGE = 50;

/** What the search box holds, as the API's filters: an order (by its number), a recipient, or nothing usable. */
type Search = { order_id?: string; to?: string; problem?: 'invalid' | 'no_order' };

/**
 * The outbox: every message sent (or waiting to be sent) to customers, newest first, with its
 * status in words and its order. Filters live in the address; the search takes a phone in any
 * digits, an email or an order number. Pages by cursor ("load more").
 */
export default function MessagesScreen({ query }: ScreenProps) {
  const { t } = useI18n();
  const { can } = useSession();
  useTitle(t('messages.title'));
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ''])) as Filters;
  const key = JSON.stringify(filters);
  const filtered = FILTER_KEYS.some((k) => filters[k]);
  const setFilter = (k: keyof Filters, v: string) => setQueryParam('/messages', query, k, v);
  const [search, setSearch] = useParamText(filters.q, (v) => setFilter('q', v));

  /** An order number is looked up among the orders; anything else is who the message went to. */
  async function resolve(raw: string, signal: AbortSignal): Promise<Search> {
    const q = toLatinDigits(raw).trim();
    if (!q) return {};
    if (/^#?[1-9]\d{0,7}$/.test(q) && can('orders.read')) {
      const n = q.replace('#', '');
      const orders = await api.get<Page<Order>>(`/v1/orders${qs({ q: n, limit: 20 })}`, { signal });
      const o = orders.data.find((x) => String(x.number) === n);
      return o ? { order_id: o.id } : { problem: 'no_order' };
    }
    if (q.includes('@') || q.replace(/\D/g, '').length >= 4) return { to: q };
    return { problem: 'invalid' };
  }

  const page = (s: Search, cursor?: string | null) =>
    `/v1/messages${qs({ order_id: s.order_id, to: s.to, channel: filters.channel, status: filters.status, limit: PAGE, cursor })}`;

  // The first page resolves the search (kept as the list's meta); the next pages reuse it.
  const { list, loadMore, retry } = useKeysetList<MessageRow, Search>(key, async (cursor, signal, resolved) => {
    if (cursor !== null) return api.get<Page<MessageRow>>(page(resolved ?? {}, cursor), { signal });
    const s = await resolve(filters.q, signal);
    if (s.problem) return { data: [], next_cursor: null, meta: s };
    try {
      return { ...(await api.get<Page<MessageRow>>(page(s), { signal })), meta: s };
    } catch (err) {
      // The server could not read the recipient: said at the search box, not as a failure.
      if (err instanceof ApiError && err.status === 422) return { data: [], next_cursor: null, meta: { problem: 'invalid' as const } };
      throw err;
    }
  });

  const select = (k: 'channel' | 'status', label: string, values: string[], prefix: string) => (
    <FilterSelect name={k} label={label} value={filters[k]} values={values} prefix={prefix} onValue={(v) => setFilter(k, v)} />
  );

  const problem = list.meta?.problem;
  // The newest message tells whether the store sends through a provider now (older ones may
  // predate it): from the outbox, nothing reaches the customer.
  const newest = list.rows.reduce<MessageRow | null>((a, m) => (!a || m.id > a.id ? m : a), null);
  const outbox = newest?.provider === 'outbox';
  return (
    <div className="page page-wide msg-page">
      <h1 className="page-title">{t('messages.title')}</h1>
      <p className="muted">{t('messages.lead')}</p>

      <div className="card filters msg-filters" role="search">
        <SearchBox
          id="messages-q"
          label={t('messages.searchLabel')}
          dir={search ? 'auto' : undefined}
          value={search}
          placeholder={t('messages.searchHint')}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'messages-q-error' : undefined}
          data-testid="messages-search"
          onText={setSearch}
        />
        {problem && (
          <p className="field-error" id="messages-q-error" data-testid="messages-search-error">
            {problem === 'no_order' ? t('messages.noSuchOrder') : t('messages.searchInvalid')}
          </p>
        )}
        <div className="filter-row msg-filter-row">
          {select('channel', t('messages.channel'), CHANNELS, 'channel')}
          {select('status', t('messages.status'), STATUSES, 'messageStatus')}
        </div>
        {filtered && (
          <button type="button" className="linkish clear-filters" onClick={() => navigate('/messages', { replace: true })}>
            {t('common.clear')}
          </button>
        )}
      </div>

      {outbox && (
        <div className="notice notice-info" data-testid="outbox-notice">
          <Icon name="message" />
          <p>{t('messages.outbox')}</p>
        </div>
      )}

      {list.state === 'loading' ? (
        <Loading />
      ) : list.state === 'error' ? (
        <ErrorState error={list.error} onRetry={retry} />
      ) : list.rows.length === 0 ? (
        <EmptyCard icon="message" text={filtered ? t('messages.empty') : t('messages.emptyAll')} testId="messages-empty" />
      ) : (
        <>
          <ul className="msg-list" data-testid="message-list">
            {list.rows.map((m) => (
              <MessageItem key={m.id} m={m} />
            ))}
          </ul>
          <ListFoot list={list} shown={t.plural('messages.shown', list.rows.length)} onMore={loadMore} />
        </>
      )}
    </div>
  );
}
