import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { useI18n, type I18n } from '../context.tsx';
import { Icon } from './icons.tsx';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('app.loading')}</span>
    </div>
  );
}

/** An error in the user's language. */
export function errorText(err: unknown, { t, lang }: Pick<I18n, 't' | 'lang'>): string {
  if (err instanceof ApiError) {
    // The server's own words in this language say most (which role, which field); then ours
    // for the codes we know; then the server's English.
    if (lang === 'ar' && err.messageAr) return err.messageAr;
    if (lang === 'en' && err.messageEn) return err.messageEn;
    const ours = t.code('error', err.code, '');
    if (ours) return ours;
    if (err.status === 403) return t('common.forbidden');
    if (err.status === 404) return t('common.notFound');
    if (err.status < 500) return err.message;
  }
  return t('common.error');
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <Icon name="alert" />
      <div>
        <p>{errorText(error, i18n)}</p>
        {onRetry && (
          <button type="button" className="btn btn-small btn-outline" onClick={onRetry}>
            {i18n.t('common.retry')}
          </button>
        )}
      </div>
    </div>
  );
}

/** The document title follows the screen: "Order #1042 · wasl". */
export function useTitle(title: string | null) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);
}

export type Load<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: T };

/**
 * Load something for a screen, again whenever `deps` change; the answer to an older request
 * never replaces a newer one (it is aborted). `reload` keeps showing the old data meanwhile.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): [Load<T>, () => void] {
  const [value, setValue] = useState<Load<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const ranTick = useRef(-1);
  useEffect(() => {
    // Same tick as last run: the deps changed, so the old data is of something else.
    if (ranTick.current === tick) setValue({ state: 'loading' });
    ranTick.current = tick;
    const ctrl = new AbortController();
    load(ctrl.signal).then(
      (data) => !ctrl.signal.aborted && setValue({ state: 'ready', data }),
      (error) => !ctrl.signal.aborted && setValue({ state: 'error', error }),
    );
    return () => ctrl.abort();
  }, [...deps, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  return [value, () => setTick((n) => n + 1)];
}
