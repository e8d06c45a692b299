import { Fragment } from 'react';
import { useI18n } from '../../context.tsx';
import { Link } from '../../router.tsx';
import type { Message } from '../../types.ts';
import { Badge } from '../../ui/badges.tsx';

/** A message as GET /v1/messages lists it: with its provider and its order's number. */
export interface MessageRow extends Message {
  provider: string;
  order: { id: string; number: number } | null;
}

// Web links in a message; a confirmation link is `/c/` and a 32-character token.
const URL_RE = /https?:\/\/[^\s<>"']+/g;
const CONFIRM_RE = /\/c\/[A-Za-z0-9_-]{32}$/;

/**
 * The text of a message with its links clickable: a store without a messaging provider can open
 * the customer's confirmation link itself and see the page the customer would get.
 */
function Body({ text }: { text: string }) {
  const { t } = useI18n();
  const parts: (string | { url: string })[] = [];
  let at = 0;
  for (const m of text.matchAll(URL_RE)) {
    // Punctuation that closes the sentence is not part of the link.
    const url = m[0].replace(/[.,;:!?)\]،؛]+$/, '');
    parts.push(text.slice(at, m.index), { url });
    at = m.index + url.length;
  }
  parts.push(text.slice(at));
  return (
    <>
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          <Fragment key={i}>{p}</Fragment>
        ) : CONFIRM_RE.test(p.url) ? (
          <a key={i} href={p.url} target="_blank" rel="noopener noreferrer" dir="ltr" className="msg-link" title={t('messages.confirmLink')} data-testid="confirm-link">
            {p.url}
          </a>
        ) : (
          <a key={i} href={p.url} target="_blank" rel="noopener noreferrer" dir="ltr" className="msg-link">
            {p.url}
          </a>
        ),
      )}
    </>
  );
}

export function MessageItem({ m }: { m: MessageRow }) {
  const { t, fmt } = useI18n();
  const when = m.failed_at ?? m.read_at ?? m.delivered_at ?? m.sent_at ?? m.created_at;
  return (
    <li className="card msg-card" data-message={m.id} data-status={m.status} data-channel={m.channel}>
      <div className="msg-card-head">
        <span className="strong">{t.code('channel', m.channel)}</span>
        <span className="msg-to">
          <span className="muted">{t('messages.to')} </span>
          <bdi dir="ltr">{m.channel === 'email' ? m.to : fmt.digits(m.to)}</bdi>
        </span>
        {m.order && (
          <Link to={`/orders/${m.order.id}`} className="order-link" data-testid="message-order">
            {t('messages.order', { number: fmt.plain(m.order.number) })}
          </Link>
        )}
        <span className="msg-badges">
          <Badge kind="message" code={m.status} />
          {m.provider === 'outbox' && <span className="badge tone-grey">{t('messages.outboxBadge')}</span>}
        </span>
      </div>
      <p className="muted small msg-meta">
        {m.template && <>{t.code('messages.template', m.template, m.template)} · </>}
        <time dateTime={when} title={fmt.dateTime(when)}>
          {fmt.dateTime(when)}
        </time>
      </p>
      {m.subject && (
        <p className="strong" dir="auto">
          {m.subject}
        </p>
      )}
      <p className="msg-text" dir="auto" lang={m.lang ?? undefined} data-testid="message-body">
        <Body text={m.body} />
      </p>
      {m.status === 'failed' && m.last_error && (
        <p className="field-error small" dir="auto">
          {t('messages.failedWhy', { error: m.last_error })}
        </p>
      )}
    </li>
  );
}
