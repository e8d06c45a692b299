import { useEffect, useRef, useState } from 'react';
import { api, ApiError, query as qs } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import { latinizeInput, toLatinDigits } from '../../digits.ts';
import { navigate } from '../../router.tsx';
import type { ScreenProps } from '../../routes.ts';
import type { Order, Page } from '../../types.ts';
import { Icon } from '../../ui/icons.tsx';
import { ErrorState, Loading, useTitle } from '../../ui/states.tsx';
import { MessageItem, type MessageRow } from './MessageItem.tsx';
import './messages.css';

const CHANNELS = ['sms', 'whatsapp', 'email'];
const STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed'];
const FILTER_KEYS = ['q', 'channel', 'status'] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;
const PAGE = 50;

/** What the search box holds, as the API's filters: an order (by its number), a recipient, or nothing usable. */
type Search = { order_id?: string; to?: string; problem?: 'invalid' | 'no_order' };

interface ListState {
  messages: MessageRow[];
  next: string | null;
  state: 'loading' | 'ready' | 'more' | 'error';
  error?: unknown;
  search: Search;
}

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
  const [search, setSearch] = useState(filters.q);
  const [list, setList] = useState<ListState>({ messages: [], next: null, state: 'loading', search: {} });
  const [tick, setTick] = useState(0);
  const ctrl = useRef<AbortController | null>(null);

  useEffect(() => {
    if (filters.q !== search.trim()) setSearch(filters.q);
  }, [filters.q]); // eslint-disable-line react-hooks/exhaustive-deps

  const setFilter = (k: keyof Filters, v: string) => {
    const next = new URLSearchParams(query);
    if (v) next.set(k, v);
    else next.delete(k);
    const s = next.toString();
    navigate(`/messages${s ? `?${s}` : ''}`, { replace: true });
  };

  useEffect(() => {
    if (search.trim() === filters.q) return;
    const timer = setTimeout(() => setFilter('q', search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]); // eslint-disable-line react-hooks/exhaustive-deps

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

  useEffect(() => {
    ctrl.current?.abort();
    const c = (ctrl.current = new AbortController());
    setList({ messages: [], next: null, state: 'loading', search: {} });
    (async () => {
      const s = await resolve(filters.q, c.signal);
      if (s.problem) return { data: [], next_cursor: null, s };
      try {
        return { ...(await api.get<Page<MessageRow>>(page(s), { signal: c.signal })), s };
      } catch (err) {
        // The server could not read the recipient: said at the search box, not as a failure.
        if (err instanceof ApiError && err.status === 422) return { data: [], next_cursor: null, s: { problem: 'invalid' as const } };
        throw err;
      }
    })().then(
      (r) => !c.signal.aborted && setList({ messages: r.data, next: r.next_cursor, state: 'ready', search: r.s }),
      (error) => !c.signal.aborted && setList({ messages: [], next: null, state: 'error', error, search: {} }),
    );
    return () => c.abort();
  }, [key, tick]); // eslint-disable-line react-hooks/exhaustive-deps

  async function loadMore() {
    const c = ctrl.current!;
    setList((l) => ({ ...l, state: 'more', error: undefined }));
    try {
      const next = await api.get<Page<MessageRow>>(page(list.search, list.next), { signal: c.signal });
      if (!c.signal.aborted) setList((l) => ({ ...l, messages: [...l.messages, ...next.data], next: next.next_cursor, state: 'ready' }));
    } catch (error) {
      if (!c.signal.aborted) setList((l) => ({ ...l, state: 'ready', error }));
    }
  }

  const select = (k: 'channel' | 'status', label: string, values: string[], prefix: string) => (
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

  const problem = list.search.problem;
  // The newest message tells whether the store sends through a provider now (older ones may
  // predate it): from the outbox, nothing reaches the customer.
  const newest = list.messages.reduce<MessageRow | null>((a, m) => (!a || m.id > a.id ? m : a), null);
  const outbox = newest?.provider === 'outbox';
  return (
    <div className="page page-wide msg-page">
      <h1 className="page-title">{t('messages.title')}</h1>
      <p className="muted">{t('messages.lead')}</p>

      <div className="card filters msg-filters" role="search">
        <div className="search-box">
          <label htmlFor="messages-q" className="visually-hidden">
            {t('messages.searchLabel')}
          </label>
          <Icon name="search" className="search-icon" />
          <input
            id="messages-q"
            type="search"
            dir={search ? 'auto' : undefined}
            value={search}
            placeholder={t('messages.searchHint')}
            onChange={(e) => setSearch(latinizeInput(e.currentTarget))}
            autoComplete="off"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'messages-q-error' : undefined}
            data-testid="messages-search"
          />
        </div>
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
        <ErrorState error={list.error} onRetry={() => setTick((n) => n + 1)} />
      ) : list.messages.length === 0 ? (
        <div className="card empty-card" data-testid="messages-empty">
          <span className="empty-icon">
            <Icon name="message" size={28} />
          </span>
          <p>{filtered ? t('messages.empty') : t('messages.emptyAll')}</p>
        </div>
      ) : (
        <>
          <ul className="msg-list" data-testid="message-list">
            {list.messages.map((m) => (
              <MessageItem key={m.id} m={m} />
            ))}
          </ul>
          <div className="list-foot">
            <span className="muted" aria-live="polite">
              {t.plural('messages.shown', list.messages.length)}
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
