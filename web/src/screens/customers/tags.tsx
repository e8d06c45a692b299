import { useI18n } from '../../context.tsx';

/** The tags wasl knows (src/modules/customers/tags.ts TAG_LABELS); a store may use its own words too. */
export const KNOWN_TAGS = ['good', 'vip', 'negotiator', 'ghost_box'] as const;
const TONES: Record<string, string> = { good: 'green', vip: 'indigo', negotiator: 'amber', ghost_box: 'purple' };

/** A customer's tag: a known one in the reader's words and its colour, the store's own as typed. */
export function TagBadge({ tag }: { tag: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge tone-${TONES[tag] ?? 'grey'}`} data-tag={tag} dir="auto">
      {t.code('customers.tag', tag, tag)}
    </span>
  );
}
