import { useI18n, type I18n } from '../../context.tsx';
import type { Actor, OrderEvent } from '../../types.ts';

/** A name typed by someone, isolated (FSI…PDI) so an English name in an Arabic sentence keeps its place. */
const isolate = (text: string) => `\u2068${text}\u2069`;

export function actorName(actor: Actor | undefined, { t }: Pick<I18n, 't'>): string {
  if (!actor?.type) return '';
  if (actor.type === 'system') return t('actor.system');
  if (actor.type === 'api_key') return t('actor.api_key', { name: isolate(actor.name ?? actor.id ?? '') });
  if (actor.type === 'customer') return t('actor.customer');
  return isolate(actor.name ?? actor.id ?? '');
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

/** The words under an event's title: a reason, a note, what was held for. */
function detail(e: OrderEvent, i18n: I18n): string[] {
  const d = e.data;
  const { t } = i18n;
  switch (e.type) {
    case 'order.cancelled':
      return [str(d.reason)].filter(Boolean) as string[];
    case 'order.held':
      return ((d.reasons as { code?: string; message?: string }[]) ?? []).flatMap((r) => [t.code('hold', r.code, ''), r.message ?? ''].filter(Boolean));
    case 'order.released':
    case 'order.confirmed':
      return [str(d.note), str(d.via) ? t('order.verificationVia', { via: t.code('via', String(d.via)) }) : null].filter(Boolean) as string[];
    case 'order.note_added': {
      const gift = d.gift as { description?: string } | null;
      return [str(d.text), gift?.description ? t('order.gift', { gift: gift.description }) : null].filter(Boolean) as string[];
    }
    case 'call.logged':
      return [str(d.note)].filter(Boolean) as string[];
    case 'order.delivery_window_chosen': {
      const w = d.window as { date?: string; from?: string; to?: string } | string | null;
      if (w && typeof w === 'object') return [`${w.date ?? ''} ${w.from ?? ''}–${w.to ?? ''}`.trim()];
      return [str(w)].filter(Boolean) as string[];
    }
    case 'order.phone_changed':
      return [str(d.phone) ? i18n.fmt.digits(String(d.phone)) : null].filter(Boolean) as string[];
    case 'verification.step_skipped':
      return [str(d.reason)].filter(Boolean) as string[];
    default:
      return [];
  }
}

export function Timeline({ events }: { events: OrderEvent[] }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  if (!events.length) return <p className="muted">{t('order.noEvents')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((e) => {
        const vars = {
          level: t.code('risk', String(e.data.level ?? '')),
          channel: t.code('channel', String(e.data.channel ?? '')),
          outcome: t.code('callOutcome', String(e.data.outcome ?? '')),
        };
        const title = t.code('event', e.type, e.type, vars);
        const who = actorName(e.actor, i18n);
        return (
          <li key={e.id} data-event={e.type}>
            <span className="tl-dot" aria-hidden="true" />
            <div className="tl-body">
              <div className="tl-title">{title}</div>
              {detail(e, i18n).map((line, i) => (
                <div key={i} className="tl-detail" dir="auto">
                  {line}
                </div>
              ))}
              <div className="tl-meta muted small">
                <time dateTime={e.created_at} title={fmt.dateTime(e.created_at)}>
                  {fmt.dateTime(e.created_at)}
                </time>
                {who && <span> · {t('order.by', { who })}</span>}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
