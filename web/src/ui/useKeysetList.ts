import { useEffect, useRef, useState } from 'react';
import type { Page } from '../types.ts';

/**
 * A list paged by cursor ("load more"). `meta` is what the first page found out and the next
 * pages need again (the messages screen resolves its search once, then pages with it).
 */
export interface KeysetList<T, M = undefined> {
  rows: T[];
  next: string | null;
  state: 'loading' | 'ready' | 'more' | 'error';
  error?: unknown;
  meta?: M;
}

export type LoadPage<T, M> = (cursor: string | null, signal: AbortSignal, meta: M | undefined) => Promise<Page<T> & { meta?: M }>;

/**
 * Loads the first page again whenever `key` changes (the filters) or on retry; an older answer
 * never replaces a newer one (it is aborted). With `enabled` false (filters that cannot be
 * asked for) nothing is fetched and the list stays as it was. A failed "load more" keeps the
 * rows and sets `error` beside them.
 */
export function useKeysetList<T, M = undefined>(key: string, load: LoadPage<T, M>, enabled = true) {
  const [list, setList] = useState<KeysetList<T, M>>({ rows: [], next: null, state: 'loading' });
  const [tick, setTick] = useState(0);
  const ctrl = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!enabled) return;
    ctrl.current?.abort();
    const c = (ctrl.current = new AbortController());
    setList({ rows: [], next: null, state: 'loading' });
    load(null, c.signal, undefined).then(
      (page) => !c.signal.aborted && setList({ rows: page.data, next: page.next_cursor, state: 'ready', meta: page.meta }),
      (error) => !c.signal.aborted && setList({ rows: [], next: null, state: 'error', error }),
    );
    return () => c.abort();
  }, [key, tick, enabled]); // eslint-disable-line react-hooks/exhaustive-deps

  async function loadMore() {
    const c = ctrl.current!;
    setList((l) => ({ ...l, state: 'more', error: undefined }));
    try {
      const page = await load(list.next, c.signal, list.meta);
      if (!c.signal.aborted) setList((l) => ({ ...l, rows: [...l.rows, ...page.data], next: page.next_cursor, state: 'ready' }));
    } catch (error) {
      if (!c.signal.aborted) setList((l) => ({ ...l, state: 'ready', error }));
    }
  }

  return { list, loadMore, retry: () => setTick((n) => n + 1) };
}
