import { useSyncExternalStore } from 'react';
import { connectionStatus } from '../api.ts';
import { useI18n } from '../context.tsx';
import { Icon } from '../ui/icons.tsx';

/** Shown while requests cannot reach the server; they retry by themselves meanwhile. */
export function ConnectionBanner() {
  const { t } = useI18n();
  const c = useSyncExternalStore(connectionStatus.subscribe, connectionStatus.get);
  if (c.online && !c.restored) return null;
  return (
    <div className={`conn-banner ${c.online ? 'conn-ok' : 'conn-lost'}`} role="status" aria-live="polite" data-testid="connection-banner">
      <Icon name={c.online ? 'check' : 'offline'} size={18} />
      <span>{c.online ? t('net.back') : t('net.offline')}</span>
      {!c.online && (
        <button type="button" className="linkish" onClick={() => connectionStatus.retryNow()}>
          {t('net.retryNow')}
        </button>
      )}
    </div>
  );
}
