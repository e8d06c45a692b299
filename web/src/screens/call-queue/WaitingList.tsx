import { useI18n, useSession } from '../../context.tsx';
import { Link } from '../../router.tsx';
import { Badge } from '../../ui/badges.tsx';
import type { QueueEntry } from './queue-types.ts';

export const isScheduled = (e: QueueEntry, now: number) => Boolean(e.call.call_back_at && new Date(e.call.call_back_at).getTime() > now);
export const isHeld = (e: QueueEntry, now: number) => Boolean(e.call.claimed_by && e.call.claimed_until && new Date(e.call.claimed_until).getTime() > now);

/**
 * Who waits for a call, in the order agents get them (oldest hour first, then the most
 * valuable), with how often they were tried and how the last call went; then the call-backs
 * still to come, soonest first.
 */
export function WaitingList({ entries }: { entries: QueueEntry[] }) {
  const { t } = useI18n();
  const now = Date.now();
  const ready = entries.filter((e) => !isScheduled(e, now));
  const later = entries.filter((e) => isScheduled(e, now)).sort((a, b) => a.call.call_back_at!.localeCompare(b.call.call_back_at!));
  return (
    <>
      <section className="card cq-list" aria-labelledby="cq-waiting-h">
        <h2 id="cq-waiting-h">{t('callQueue.waitingTitle')}</h2>
        {ready.length ? (
          <ol className="cq-entries" data-testid="waiting-list">
            {ready.map((e) => (
              <Entry key={e.order.id} e={e} now={now} />
            ))}
          </ol>
        ) : (
          <p className="muted">{t('callQueue.waitingNone')}</p>
        )}
      </section>
      {later.length > 0 && (
        <section className="card cq-list" aria-labelledby="cq-later-h">
          <h2 id="cq-later-h">{t('callQueue.scheduledTitle')}</h2>
          <ol className="cq-entries" data-testid="scheduled-list">
            {later.map((e) => (
              <Entry key={e.order.id} e={e} now={now} />
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

function Entry({ e, now }: { e: QueueEntry; now: number }) {
  const { t, fmt } = useI18n();
  const { me, can } = useSession();
  const { order, call } = e;
  const scheduled = isScheduled(e, now);
  const held = isHeld(e, now);
  const due = !scheduled && !held && Boolean(call.call_back_at);
  const state = scheduled ? 'scheduled' : held ? 'in_call' : due ? 'due' : 'ready';
  const number = `#${fmt.plain(order.number)}`;
  return (
    <li data-order={order.id} data-state={state}>
      <div className="cq-entry-top">
        {can('orders.read') ? (
          <Link to={`/orders/${order.id}`} className="order-link">
            {number}
          </Link>
        ) : (
          <span className="order-link">{number}</span>
        )}
        <bdi className="cq-entry-name">{order.customer.name}</bdi>
        <span className="num strong">{fmt.money(order.totals.total, order.totals.currency)}</span>
      </div>
      <div className="cq-entry-meta muted small">
        {scheduled ? (
          <span className="cq-when-badge strong">{t('callQueue.callBackAt', { when: fmt.dateTime(call.call_back_at!) })}</span>
        ) : (
          call.queued_at && <span>{t('callQueue.since', { ago: fmt.relative(call.queued_at) })}</span>
        )}
        {call.call_attempts > 0 && <span>{t.plural('callQueue.attempts', call.call_attempts)}</span>}
        {call.last_call ? (
          <span data-last-outcome={call.last_call.outcome}>{t('callQueue.lastCall', { outcome: t.code('callOutcome', call.last_call.outcome) })}</span>
        ) : (
          <span>{t('callQueue.notCalled')}</span>
        )}
      </div>
      {(held || due || order.risk?.level === 'high' || order.risk?.level === 'blocked') && (
        <div className="cq-entry-badges">
          {held && <span className="badge tone-blue">{call.claimed_by === me.user.id ? t('callQueue.inCallYou') : t('callQueue.inCall')}</span>}
          {due && <span className="badge tone-amber">{t('callQueue.due')}</span>}
          <Badge kind="risk" code={order.risk?.level === 'high' || order.risk?.level === 'blocked' ? order.risk.level : null} />
        </div>
      )}
      {scheduled && call.last_call?.note && (
        <p className="cq-entry-note small" dir="auto">
          {call.last_call.note}
        </p>
      )}
    </li>
  );
}
