import { useI18n } from '../context.tsx';

type Tone = 'green' | 'teal' | 'amber' | 'orange' | 'red' | 'darkred' | 'blue' | 'indigo' | 'purple' | 'grey';

const STATUS: Record<string, Tone> = {
  pending: 'amber', on_hold: 'orange', confirmed: 'teal', processing: 'blue', shipped: 'indigo',
  delivered: 'green', completed: 'green', cancelled: 'grey', returned: 'red',
};
const VERIFICATION: Record<string, Tone> = {
  pending: 'grey', awaiting_customer: 'blue', call_queue: 'amber', confirmed: 'teal', auto_confirmed: 'teal',
  ghost: 'purple', not_required: 'grey', cancelled: 'grey',
};
const RISK: Record<string, Tone> = { low: 'green', medium: 'amber', high: 'red', blocked: 'darkred' };
const MESSAGE: Record<string, Tone> = { queued: 'grey', sent: 'blue', delivered: 'teal', read: 'green', failed: 'red' };

const KINDS = {
  status: { tones: STATUS, prefix: 'status' },
  verification: { tones: VERIFICATION, prefix: 'verification' },
  risk: { tones: RISK, prefix: 'risk' },
  message: { tones: MESSAGE, prefix: 'messageStatus' },
} as const;

/**
 * A coloured label for a state the server sends. The colour is never the only signal: the
 * words are there too, in the user's language, and `data-code` keeps the raw code for tests.
 */
export function Badge({ kind, code }: { kind: keyof typeof KINDS; code: string | undefined | null }) {
  const { t } = useI18n();
  if (!code) return null;
  const k = KINDS[kind];
  const tone = k.tones[code] ?? 'grey';
  return (
    <span className={`badge tone-${tone}`} data-kind={kind} data-code={code}>
      {kind === 'risk' && <span className="badge-dot" aria-hidden="true" />}
      {t.code(k.prefix, code)}
    </span>
  );
}
