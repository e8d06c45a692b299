import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import { Icon } from '../../ui/icons.tsx';
import { ErrorState, Loading, useLoad, useTitle } from '../../ui/states.tsx';
import { CurrentCall } from './CurrentCall.tsx';
import { isTyping } from './keys.ts';
import type { Claim, Outcome, QueueEntry, QueueList } from './queue-types.ts';
import { isHeld, isScheduled, WaitingList } from './WaitingList.tsx';
import './call-queue.css';

/** Others claim and call too: the list is read again this often while the screen is open. */
const REFRESH_MS = 30_000;

type Flash = { tone: 'success' | 'info' | 'error'; text: string };

/**
 * The confirmation agents' screen. "Next order" (or N) claims the next order for this agent
 * alone; the order shows with everything needed for the call, one click records what came of
 * it, and the next order is offered at once. Beside it (below it on a phone): who is waiting.
 */
export default function CallQueueScreen() {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const { me } = useSession();
  useTitle(t('callQueue.title'));
  const [list, reloadList] = useLoad((signal) => api.get<QueueList>('/v1/call-queue?include_waiting=true&limit=200', { signal }), []);
  const [current, setCurrent] = useState<QueueEntry | null>(null);
  const [claiming, setClaiming] = useState(false);
  const [claimError, setClaimError] = useState<unknown>(null);
  const [nothing, setNothing] = useState(false);
  const [flash, setFlash] = useState<Flash | null>(null);
  const nextButton = useRef<HTMLButtonElement>(null);
  const resumed = useRef(false);

  useEffect(() => {
    const id = setInterval(reloadList, REFRESH_MS);
    return () => clearInterval(id);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const entries = list.state === 'ready' ? list.data.data : [];
  const now = Date.now();
  const mine = entries.find((e) => isHeld(e, now) && e.call.claimed_by === me.user.id);

  async function claimNext() {
    if (claiming) return;
    setClaiming(true);
    setClaimError(null);
    setFlash(null);
    try {
      const c = await api.post<Claim>('/v1/call-queue/claim');
      setCurrent(c.order ? c : null);
      setNothing(!c.order);
    } catch (err) {
      setClaimError(err);
    } finally {
      setClaiming(false);
      reloadList();
    }
  }

  // Back on the screen while holding an order (a reload, another tab): it is theirs, show it.
  useEffect(() => {
    if (list.state !== 'ready' || resumed.current) return;
    resumed.current = true;
    if (mine && !current) void claimNext();
  }, [list.state]); // eslint-disable-line react-hooks/exhaustive-deps

  // Once an outcome is recorded, the next order is one key (Enter or N) away.
  useEffect(() => {
    if (!current && flash) nextButton.current?.focus();
  }, [current, flash]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e) || current || e.code !== 'KeyN') return;
      e.preventDefault();
      void claimNext();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  function done(outcome: Outcome, result: QueueEntry, at?: Date) {
    const number = fmt.plain(result.order.number);
    const ghost = result.order.verification?.status === 'ghost';
    const text = ghost
      ? t('callQueue.done.ghost', { number })
      : outcome === 'call_back'
        ? t('callQueue.done.call_back', { number, when: fmt.dateTime(at ?? result.call.call_back_at ?? new Date()) })
        : outcome === 'wrong_number'
          ? t('callQueue.done.ghost', { number })
          : t(`callQueue.done.${outcome}`, { number });
    setFlash({ tone: outcome === 'confirmed' ? 'success' : 'info', text });
    setCurrent(null);
    setNothing(false);
    reloadList();
  }

  function gone(err: ApiError) {
    setFlash({ tone: 'error', text: err.code === 'claimed_by_another_agent' ? t('callQueue.error.claimed') : t('callQueue.error.gone') });
    setCurrent(null);
    reloadList();
  }

  const counts = list.state === 'ready' ? list.data.counts : null;
  const nextCallBack = entries
    .filter((e) => isScheduled(e, now))
    .map((e) => e.call.call_back_at!)
    .sort()[0];

  return (
    <div className="page page-wide cq-page">
      <h1 className="page-title">{t('callQueue.title')}</h1>
      <p className="muted cq-lead">{t('callQueue.lead')}</p>
      {counts && (
        <dl className="cq-stats" data-testid="cq-counts">
          {(
            [
              ['ready', 'callQueue.stat.ready', counts.ready],
              ['in_call', 'callQueue.stat.inCall', counts.in_call],
              ['scheduled', 'callQueue.stat.scheduled', counts.scheduled],
              ['due', 'callQueue.stat.due', counts.call_backs_due],
            ] as const
          ).map(([key, label, n]) => (
            <div key={key} className="card cq-stat" data-count={key} data-value={n}>
              <dt className="muted">{t(label)}</dt>
              <dd>{fmt.number(n)}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="cq-grid">
        <section className="cq-main" aria-label={t('callQueue.current')} data-testid="cq-main">
          {flash && (
            <div className={`notice notice-${flash.tone}`} role={flash.tone === 'error' ? 'alert' : 'status'} data-testid="cq-flash">
              <Icon name={flash.tone === 'error' ? 'alert' : 'check'} />
              <p>{flash.text}</p>
            </div>
          )}
          {current ? (
            <CurrentCall key={current.order.id} entry={current} onDone={done} onGone={gone} />
          ) : (
            <div className="card cq-next">
              <button ref={nextButton} type="button" className="btn btn-primary cq-next-btn" onClick={claimNext} disabled={claiming} aria-keyshortcuts="N" data-testid="next-order">
                <Icon name="phone" size={24} />
                <span>{claiming ? t('callQueue.claiming') : mine ? t('callQueue.resume', { number: fmt.plain(mine.order.number) }) : t('callQueue.next')}</span>
                <kbd aria-hidden="true">N</kbd>
              </button>
              {claimError !== null && <ErrorState error={claimError} onRetry={claimNext} />}
              {nothing && (
                <p className="cq-nothing" role="status" data-testid="cq-nothing">
                  {t('callQueue.nothingReady')} {nextCallBack && t('callQueue.nextCallBack', { when: fmt.dateTime(nextCallBack) })}
                </p>
              )}
              {!nothing && counts && counts.ready + counts.in_call + counts.scheduled === 0 && <p className="muted">{t('callQueue.empty')}</p>}
            </div>
          )}
        </section>
        <aside className="cq-side" data-testid="cq-waiting">
          {list.state === 'loading' ? <Loading /> : list.state === 'error' ? <ErrorState error={list.error} onRetry={reloadList} /> : <WaitingList entries={entries} />}
        </aside>
      </div>
    </div>
  );
}
