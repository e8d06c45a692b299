import { Fragment, type ReactNode } from 'react';
import { useI18n, useSession } from '../../context.tsx';
import type { Key } from '../../i18n/index.ts';
import type { Order } from '../../types.ts';
import { Interpolate } from '../../ui/Interpolate.tsx';

const ADDRESS_ORDER = ['line1', 'line2', 'district', 'city', 'region'];

/**
 * What the agent says, in their own language, with this order's facts filled in: greeting with
 * the customer's and the store's names, the order read out, the address and the delivery
 * window to confirm, and the closing. Names and numbers keep their own direction (<bdi>).
 */
export function Script({ order }: { order: Order }) {
  const { t, fmt, lang } = useI18n();
  const { me } = useSession();
  const comma = lang === 'ar' ? '، ' : ', ';
  const b = (text: string) => <bdi className="cq-fact">{text}</bdi>;
  const name = b(order.customer.name);
  // Each line is a quantity and a name in its own direction, so "2 × عطر عود" reads right in English too.
  const items = (
    <span className="cq-fact">
      {order.lines.map((l, i) => (
        <Fragment key={i}>
          {i > 0 && comma}
          {fmt.number(l.quantity)} × <bdi>{l.name ?? l.sku}</bdi>
        </Fragment>
      ))}
    </span>
  );
  const parts = ADDRESS_ORDER.map((k) => order.shipping_address?.[k]).filter((v): v is string => Boolean(v));
  // An address written in Arabic keeps Arabic commas, whatever the agent's language.
  const address = parts.join(parts.some((p) => /[\u0600-\u06FF]/.test(p)) ? '، ' : ', ');
  const slot = order.delivery?.window_slot;
  const window = slot ? `${fmt.day(slot.date)}${comma}${fmt.digits(`${slot.from}–${slot.to}`)}` : (order.delivery?.window ?? null);
  const paid = order.payment.method !== 'cod' || order.payment.status === 'paid';

  const steps: [Key, Key, Record<string, ReactNode>][] = [
    ['callQueue.script.greet', 'callQueue.say.greet', { name, agent: b(me.user.name), store: b(me.store.name) }],
    [
      'callQueue.script.order',
      paid ? 'callQueue.say.orderPaid' : 'callQueue.say.orderCod',
      { number: b(fmt.plain(order.number)), items, total: b(fmt.money(order.totals.total, order.totals.currency)) },
    ],
    address ? ['callQueue.script.address', 'callQueue.say.address', { address: b(address) }] : ['callQueue.script.address', 'callQueue.say.noAddress', {}],
    window ? ['callQueue.script.window', 'callQueue.say.window', { window: b(window) }] : ['callQueue.script.window', 'callQueue.say.noWindow', {}],
    ['callQueue.script.close', 'callQueue.say.close', { name }],
  ];
  return (
    <section className="card cq-script" aria-labelledby="cq-script-h" data-testid="script">
      <h2 id="cq-script-h">{t('callQueue.script')}</h2>
      <ol className="cq-steps">
        {steps.map(([label, say, slots]) => (
          <li key={label} data-step={label.split('.').pop()}>
            <span className="cq-step-label">{t(label)}</span>
            <p>
              <Interpolate text={t(say)} slots={slots} />
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
