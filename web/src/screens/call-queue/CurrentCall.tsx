import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import { Link } from '../../router.tsx';
import { Badge } from '../../ui/badges.tsx';
import { TextArea } from '../../ui/Field.tsx';
import { Icon } from '../../ui/icons.tsx';
import { Interpolate } from '../../ui/Interpolate.tsx';
import { errorText } from '../../ui/states.tsx';
import { CallBackDialog } from './CallBackDialog.tsx';
import { History, Lines, Risk } from './Facts.tsx';
import { OUTCOMES, type Outcome, type QueueEntry } from './queue-types.ts';
import { Script } from './Script.tsx';
import { isTyping } from './keys.ts';

const NOTE_MAX = 1000;
const TONE: Record<Outcome, string> = { confirmed: 'btn-primary', no_answer: 'btn-outline', call_back: 'btn-outline', cancelled: 'btn-danger', wrong_number: 'btn-danger' };

/** The server could not take the outcome because the order left the queue or another agent holds it. */
export const isGone = (err: unknown) => err instanceof ApiError && (err.code === 'not_in_call_queue' || err.code === 'claimed_by_another_agent');

/**
 * The order an agent holds: who to call (a tap calls them), what to say, what they ordered, what
 * customer analysis says and how their orders ended; then one click for what came of the call.
 * Keys 1–5 record the outcomes when no field has the focus.
 */
export function CurrentCall({ entry, onDone, onGone }: { entry: QueueEntry; onDone(outcome: Outcome, result: QueueEntry, at?: Date): void; onGone(err: ApiError): void }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const { can } = useSession();
  const { order, call } = entry;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [callBack, setCallBack] = useState(false);
  const [callBackError, setCallBackError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const phone = order.customer.phone_e164 ?? order.customer.phone;
  const noteProblem = note.trim().length > NOTE_MAX ? t('common.tooLong', { max: fmt.number(NOTE_MAX) }) : null;

  useEffect(() => heading.current?.focus(), []);

  async function record(outcome: Outcome, at?: Date) {
    if (busy || noteProblem) return;
    setBusy(outcome);
    setError(null);
    setCallBackError(null);
    try {
      const body = { outcome, ...(note.trim() ? { note: note.trim() } : {}), ...(at ? { call_back_at: at.toISOString() } : {}) };
      const result = await api.post<QueueEntry>(`/v1/orders/${encodeURIComponent(order.id)}/calls`, body);
      onDone(outcome, result, at);
    } catch (err) {
      if (isGone(err)) return onGone(err as ApiError);
      const text = (err instanceof ApiError && err.fields().call_back_at) || errorText(err, i18n);
      if (outcome === 'call_back') setCallBackError(text);
      else setError(text);
      setBusy(null);
    }
  }

  const choose = (outcome: Outcome) => (outcome === 'call_back' ? setCallBack(true) : void record(outcome));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || callBack || isTyping(e)) return;
      const n = /^(?:Digit|Numpad)([1-5])$/.exec(e.code)?.[1];
      if (!n) return;
      e.preventDefault();
      choose(OUTCOMES[Number(n) - 1]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const last = call.last_call;
  return (
    <>
      <article className="card cq-call" aria-labelledby="cq-call-h" data-testid="current-call" data-order={order.id}>
        <header className="cq-call-head">
          <div className="cq-call-title">
            <h2 id="cq-call-h" ref={heading} tabIndex={-1}>
              {t('order.title', { number: fmt.plain(order.number) })}
            </h2>
            <Badge kind="risk" code={order.risk?.level} />
            <span className="cq-call-total strong">{fmt.money(order.totals.total, order.totals.currency)}</span>
          </div>
          <p className="cq-customer" data-testid="cq-customer">
            <bdi>{order.customer.name}</bdi>
          </p>
          {phone ? (
            <a className="btn btn-primary cq-dial" href={`tel:${phone}`} data-testid="dial">
              <Icon name="phone" />
              <span>
                <Interpolate text={t('callQueue.dial')} slots={{ phone: <bdi dir="ltr">{fmt.digits(phone)}</bdi> }} />
              </span>
            </a>
          ) : (
            <p className="notice notice-info">{t('callQueue.noPhone')}</p>
          )}
          <p className="muted small cq-call-meta">
            {call.call_attempts > 0 && <>{t.plural('callQueue.attempts', call.call_attempts)} · </>}
            {last ? t('callQueue.lastCallFull', { outcome: t.code('callOutcome', last.outcome), when: fmt.relative(last.at) }) : t('callQueue.notCalled')}
            {call.claimed_until && (
              <>
                {' · '}
                {t('callQueue.heldUntil', { time: fmt.time(call.claimed_until) })}
              </>
            )}
          </p>
          {last?.note && (
            <p className="cq-last-note" data-testid="last-note">
              <span className="muted small">{t('callQueue.previousNote')}: </span>
              <span dir="auto">{last.note}</span>
            </p>
          )}
          {can('orders.read') && (
            <Link to={`/orders/${order.id}`} className="linkish small">
              {t('callQueue.openOrder')}
            </Link>
          )}
        </header>

        <div className="cq-outcomes" role="group" aria-labelledby="cq-outcomes-h" data-testid="outcomes">
          <h3 id="cq-outcomes-h">{t('callQueue.outcomes')}</h3>
          <TextArea label={t('callQueue.note')} optional hint={t('callQueue.noteHint')} name="note" rows={2} value={note} error={noteProblem} onChange={(e) => setNote(e.currentTarget.value)} />
          <div className="cq-outcome-buttons">
            {OUTCOMES.map((o, i) => (
              <button
                key={o}
                type="button"
                className={`btn ${TONE[o]} cq-outcome`}
                data-outcome={o}
                aria-keyshortcuts={String(i + 1)}
                title={t('callQueue.shortcut', { key: String(i + 1) })}
                disabled={busy !== null}
                onClick={() => choose(o)}
              >
                <span>{busy === o ? t('callQueue.saving') : t(`callQueue.outcome.${o}`)}</span>
                <kbd aria-hidden="true">{i + 1}</kbd>
              </button>
            ))}
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
      </article>

      <Script order={order} />
      <div className="cq-facts">
        <Lines order={order} />
        <Risk order={order} />
        {can('customers.read') && <History customerId={order.customer.id} />}
      </div>

      {callBack && (
        <CallBackDialog
          busy={busy === 'call_back'}
          serverError={callBackError}
          onClose={() => {
            setCallBack(false);
            setCallBackError(null);
          }}
          onSubmit={(at) => void record('call_back', at)}
        />
      )}
    </>
  );
}
