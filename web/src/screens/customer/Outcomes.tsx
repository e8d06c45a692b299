import { useI18n } from '../../context.tsx';
import type { Key } from '../../i18n/index.ts';

/** How the person's orders ended, in the order a merchant reads them: paid first, then what cost money. */
export const OUTCOMES = ['delivered', 'refused', 'returned', 'ghost', 'cancelled', 'open'] as const;

/** Counts and one bar split by outcome; the counts are written out, so the colours are never the only signal. */
export function Outcomes({ counts }: { counts: Record<string, number> }) {
  const { t, fmt } = useI18n();
  const total = OUTCOMES.reduce((n, k) => n + (counts[k] ?? 0), 0);
  const label = (k: (typeof OUTCOMES)[number]) => t(`customer.outcome.${k}` as Key);
  return (
    <div data-testid="outcomes">
      {total > 0 && (
        <div
          className="outcome-bar"
          role="img"
          aria-label={OUTCOMES.filter((k) => counts[k]).map((k) => `${label(k)}: ${fmt.number(counts[k])}`).join(t.lang === 'ar' ? '، ' : ', ')}
        >
          {OUTCOMES.filter((k) => counts[k]).map((k) => (
            <span key={k} className={`seg seg-${k}`} style={{ flexGrow: counts[k] }} data-outcome={k} />
          ))}
        </div>
      )}
      <ul className="outcomes outcome-counts">
        {OUTCOMES.map((k) => (
          <li key={k} data-outcome={k}>
            <span>
              <span className={`dot seg-${k}`} aria-hidden="true" />
              {label(k)}
            </span>
            <strong>{fmt.number(counts[k] ?? 0)}</strong>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('customer.outcomesNote')}</p>
    </div>
  );
}
