import { useI18n } from '../context.tsx';
import type { RiskReason } from '../types.ts';
import { Icon } from './icons.tsx';

/** Customer analysis' reasons, each in the reader's language (the order page, the call queue). */
export function RiskReasons({ reasons }: { reasons: RiskReason[] }) {
  const { t, pick } = useI18n();
  if (!reasons.length) return <p className="muted">{t('order.noReasons')}</p>;
  return (
    <ul className="reasons">
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`} data-reason={r.code}>
          <Icon name="shield" size={18} />
          <span>{pick({ ar: r.message_ar, en: r.message_en, fallback: r.message })}</span>
        </li>
      ))}
    </ul>
  );
}
