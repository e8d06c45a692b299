import { useI18n } from '../../context.tsx';
import type { Message } from '../../types.ts';
import { Badge } from '../../ui/badges.tsx';

/** Every message sent (or waiting to be sent) about the order, oldest first, with how far it got. */
export function Messages({ messages }: { messages: Message[] }) {
  const { t, fmt } = useI18n();
  if (!messages.length) return <p className="muted">{t('order.noMessages')}</p>;
  return (
    <ul className="messages" data-testid="messages">
      {messages.map((m) => {
        const when = m.failed_at ?? m.read_at ?? m.delivered_at ?? m.sent_at ?? m.created_at;
        return (
          <li key={m.id} data-message={m.id} data-status={m.status}>
            <div className="msg-head">
              <span className="strong">{t.code('channel', m.channel)}</span>
              <Badge kind="message" code={m.status} />
            </div>
            <div className="muted small">
              <span>{t('order.messageTo')} </span>
              <bdi dir="ltr">{m.channel === 'email' ? m.to : fmt.digits(m.to)}</bdi>
              {' · '}
              <time dateTime={when} title={fmt.dateTime(when)}>
                {fmt.dateTime(when)}
              </time>
            </div>
            {m.status === 'failed' && m.last_error && (
              <div className="field-error small" dir="auto">
                {m.last_error}
              </div>
            )}
            <details className="msg-body">
              <summary>{m.subject ?? t('order.showBody')}</summary>
              <p dir="auto" lang={m.lang ?? undefined}>
                {m.body}
              </p>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
