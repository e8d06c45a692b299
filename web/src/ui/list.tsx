import { useI18n } from '../context.tsx';
import { Icon, type IconName } from './icons.tsx';
import { ErrorState } from './states.tsx';
import type { KeysetList } from './useKeysetList.ts';

/** Nothing to list: said with the list's icon, in a card where the table would be. */
export function EmptyCard({ icon, text, testId }: { icon: IconName; text: string; testId: string }) {
  return (
    <div className="card empty-card" data-testid={testId}>
      <span className="empty-icon">
        <Icon name={icon} size={28} />
      </span>
      <p>{text}</p>
    </div>
  );
}

/** Under a keyset list: how many are shown, "load more" while there is a next page, and why the last one failed. */
export function ListFoot({ list, shown, onMore }: { list: KeysetList<unknown, unknown>; shown: string; onMore: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <div className="list-foot">
        <span className="muted" aria-live="polite">
          {shown}
        </span>
        {list.next && (
          <button type="button" className="btn btn-outline" onClick={onMore} disabled={list.state === 'more'} data-testid="load-more">
            {list.state === 'more' ? t('common.loadingMore') : t('common.loadMore')}
          </button>
        )}
      </div>
      {list.error !== undefined && list.state === 'ready' && <ErrorState error={list.error} />}
    </>
  );
}
