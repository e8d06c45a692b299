import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import { Link } from '../../router.tsx';
import type { ScreenProps } from '../../routes.ts';
import type { Message, Order, OrderEvent, Page } from '../../types.ts';
import { Badge } from '../../ui/badges.tsx';
import { Icon } from '../../ui/icons.tsx';
import { RiskReasons } from '../../ui/RiskReasons.tsx';
import { ErrorState, Loading, useLoad, useTitle } from '../../ui/states.tsx';
import { TableHead } from '../../ui/TableHead.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { ACTIONS, WORDS, type ActionKind } from './actions.ts';
import { Messages } from './Messages.tsx';
import { actorName, Timeline } from './Timeline.tsx';

interface Loaded {
  order: Order;
  events: OrderEvent[];
  messages: Message[] | null;
}

const ADDRESS_ORDER = ['name', 'line1', 'line2', 'district', 'city', 'region', 'postal_code', 'country'];

export default function OrderScreen({ params }: ScreenProps) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const { can } = useSession();
  const id = params.id;
  const [dialog, setDialog] = useState<ActionKind | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const [loaded, reload] = useLoad<Loaded>(
    async (signal) => {
      const base = `/v1/orders/${encodeURIComponent(id)}`;
      const [order, timeline, messages] = await Promise.all([
        api.get<Order>(base, { signal }),
        api.get<{ data: OrderEvent[] }>(`${base}/timeline`, { signal }),
        can('messages.read') ? api.get<Page<Message>>(`/v1/messages?order_id=${encodeURIComponent(id)}&limit=200`, { signal }) : null,
      ]);
      return { order, events: timeline.data, messages: messages?.data ?? null };
    },
    [id],
  );

  const order = loaded.state === 'ready' ? loaded.data.order : null;
  useTitle(order ? t('order.title', { number: fmt.plain(order.number) }) : t('orders.title'));

  const back = (
    <Link to="/orders" className="back-link">
      <Icon name="back" size={18} />
      {t('orders.title')}
    </Link>
  );

  if (loaded.state === 'loading') return <div className="page">{back}<Loading /></div>;
  if (loaded.state === 'error') {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <div className="page">
        {back}
        {missing ? <div className="notice notice-info" role="alert"><p>{t('order.notFound')}</p></div> : <ErrorState error={loaded.error} onRetry={reload} />}
      </div>
    );
  }

  const { events, messages } = loaded.data;
  const o = loaded.data.order;
  const actions = ACTIONS.filter((a) => can(a.permission) && (a.from === 'any' || a.from.includes(o.status)));
  const address = ADDRESS_ORDER.map((k) => o.shipping_address?.[k]).filter((v): v is string => Boolean(v));
  const totals: [string, string][] = [
    [t('order.subtotal'), o.totals.subtotal],
    ...(Number(o.totals.shipping) ? ([[t('order.shipping'), o.totals.shipping]] as [string, string][]) : []),
    ...(Number(o.totals.discount) ? ([[t('order.discount'), `-${o.totals.discount}`]] as [string, string][]) : []),
    ...(Number(o.totals.tax) ? ([[t('order.tax'), o.totals.tax]] as [string, string][]) : []),
  ];
  const v = o.verification ?? { status: 'pending' };

  return (
    <div className="page page-wide order-page" data-order={o.id}>
      {back}
      <header className="order-head">
        <div className="order-title">
          <h1 className="page-title">{t('order.title', { number: fmt.plain(o.number) })}</h1>
          <Badge kind="status" code={o.status} />
        </div>
        <p className="muted">
          {t('order.placedAt', { date: fmt.dateTime(o.placed_at) })} · {t.code('source', o.source)}
          {o.external_id && (
            <>
              {' · '}
              <bdi dir="ltr">{o.external_id}</bdi>
            </>
          )}
        </p>
        {actions.length > 0 && (
          <div className="action-bar" role="group" aria-label={t('order.actions')} data-testid="order-actions">
            {actions.map((a) => (
              <button key={a.kind} type="button" className={`btn btn-${a.tone}`} onClick={() => setDialog(a.kind)} data-action={a.kind}>
                <Icon name={a.kind === 'confirm' ? 'check' : a.kind === 'cancel' ? 'x' : a.kind === 'hold' ? 'pause' : a.kind === 'release' ? 'play' : 'note'} size={18} />
                {t(WORDS[a.kind].button)}
              </button>
            ))}
          </div>
        )}
      </header>

      {flash && (
        <div className="notice notice-success" role="status" data-testid="flash">
          <Icon name="check" />
          <p>{flash}</p>
        </div>
      )}

      <div className="order-grid">
        <div className="order-col order-side">
          <section className="card area-risk" aria-labelledby="risk-h" data-testid="risk">
            <h2 id="risk-h">{t('order.risk')}</h2>
            <div className="kv">
              <span>{t('order.riskLevel')}</span>
              <span className="kv-value">
                <Badge kind="risk" code={o.risk?.level} />
                {o.risk?.score !== undefined && <span className="muted small">{t('order.score', { score: fmt.number(o.risk.score) })}</span>}
              </span>
            </div>
            {o.risk?.recommendation && (
              <div className="kv">
                <span>{t('order.recommendation')}</span>
                <span className="kv-value strong">{t.code('recommendation', o.risk.recommendation)}</span>
              </div>
            )}
            <h3>{t('order.reasons')}</h3>
            <RiskReasons reasons={o.risk?.reasons ?? []} />
            {o.status === 'on_hold' && o.hold_reasons?.length > 0 && (
              <div className="hold-box" data-testid="hold-reasons">
                <h3>{t('order.holdReasons')}</h3>
                <ul>
                  {o.hold_reasons.map((h, i) => (
                    <li key={i}>
                      <strong>{t.code('hold', h.code, h.code ?? '')}</strong>
                      {h.message && (
                        <p className="muted" dir="auto">
                          {h.message}
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
          <section className="card area-customer" aria-labelledby="customer-h" data-testid="customer">
            <h2 id="customer-h">{t('order.customer')}</h2>
            <p className="strong big">
              <bdi>{o.customer.name}</bdi>
            </p>
            {(o.customer.phone_e164 || o.customer.phone) && (
              <div className="kv">
                <span>{t('order.phone')}</span>
                <a className="kv-value" href={`tel:${o.customer.phone_e164 ?? o.customer.phone}`} dir="ltr">
                  {fmt.digits(o.customer.phone_e164 ?? o.customer.phone ?? '')}
                </a>
              </div>
            )}
            {o.customer.email && (
              <div className="kv">
                <span>{t('order.email')}</span>
                <span className="kv-value" dir="ltr">
                  {o.customer.email}
                </span>
              </div>
            )}
            {address.length > 0 && (
              <>
                <h3>{t('order.address')}</h3>
                <address>
                  {address.map((line, i) => (
                    <span key={i}>
                      <bdi>{line}</bdi>
                    </span>
                  ))}
                </address>
              </>
            )}
            {o.delivery?.window_slot && (
              <div className="kv">
                <span>{t('order.deliveryWindow')}</span>
                <span className="kv-value">
                  {fmt.day(o.delivery.window_slot.date)} · <bdi dir="ltr">{fmt.digits(`${o.delivery.window_slot.from}–${o.delivery.window_slot.to}`)}</bdi>
                </span>
              </div>
            )}
            {o.note && (
              <>
                <h3>{t('order.customerNote')}</h3>
                <p dir="auto">{o.note}</p>
              </>
            )}
            {can('customers.read') && (
              <Link to={`/customers/${o.customer.id}`} className="btn btn-outline btn-small with-chevron" data-testid="customer-link">
                {t('order.customerPage')}
                <Icon name="forward" size={16} />
              </Link>
            )}
          </section>
          <section className="card area-notes" aria-labelledby="notes-h" data-testid="notes">
            <h2 id="notes-h">{t('order.notes')}</h2>
            {o.notes?.length ? (
              <ul className="notes">
                {o.notes.map((n) => (
                  <li key={n.id}>
                    <p dir="auto">{n.text}</p>
                    {n.gift && (
                      <p className="gift">
                        <Icon name="gift" size={18} />
                        <span dir="auto">{t('order.gift', { gift: n.gift.description })}</span>
                      </p>
                    )}
                    <p className="muted small">
                      {fmt.dateTime(n.at)} · {t('order.by', { who: actorName(n.by, i18n) })}
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('order.noNotes')}</p>
            )}
          </section>
        </div>
        <div className="order-col order-main">
          <section className="card area-lines" aria-labelledby="lines-h" data-testid="lines">
            <h2 id="lines-h">{t('order.lines')}</h2>
            <table className="table lines-table">
              <TableHead cols={[t('order.lines'), { label: t('order.qty'), num: true }, { label: t('order.unitPrice'), num: true }, { label: t('order.lineTotal'), num: true }]} />
              <tbody>
                {o.lines.map((l, i) => (
                  <tr key={i}>
                    <td>
                      <span className="strong">
                        <bdi>{l.name ?? l.sku}</bdi>
                      </span>
                      <span className="muted small">
                        <bdi dir="ltr">{l.sku}</bdi>
                      </span>
                    </td>
                    <td className="num">{fmt.number(l.quantity)}</td>
                    <td className="num">{fmt.money(l.unit_price, o.totals.currency)}</td>
                    <td className="num">{fmt.money(l.total, o.totals.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="totals">
              {totals.map(([label, amount]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{fmt.money(amount, o.totals.currency)}</dd>
                </div>
              ))}
              <div className="grand">
                <dt>{t('order.total')}</dt>
                <dd data-testid="order-total">{fmt.money(o.totals.total, o.totals.currency)}</dd>
              </div>
            </dl>
            <div className="kv pay-line">
              <span>{t('order.payment')}</span>
              <span className="kv-value">
                {t.code('payment', o.payment.method)} · {t.code('paymentStatus', o.payment.status)}
              </span>
            </div>
          </section>
          <section className="card area-verification" aria-labelledby="ver-h" data-testid="verification">
            <h2 id="ver-h">{t('order.verification')}</h2>
            <div className="kv">
              <span>{t('orders.verification')}</span>
              <span className="kv-value">
                <Badge kind="verification" code={v.status} />
              </span>
            </div>
            {v.via && <p className="muted">{t('order.verificationVia', { via: t.code('via', v.via) })}</p>}
            {v.step !== undefined && v.channel && !v.via && (
              <p className="muted">{t('order.verificationStep', { step: fmt.number(v.step), channel: t.code('channel', v.channel) })}</p>
            )}
            {messages && (
              <>
                <h3>{t('order.messages')}</h3>
                <Messages messages={messages} />
              </>
            )}
          </section>
          <section className="card area-timeline" aria-labelledby="tl-h">
            <h2 id="tl-h">{t('order.timeline')}</h2>
            <Timeline events={events} />
          </section>
        </div>
      </div>

      {dialog && (
        <ActionDialog
          kind={dialog}
          order={o}
          onClose={() => setDialog(null)}
          onDone={() => {
            setFlash(t(WORDS[dialog].done));
            setDialog(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
