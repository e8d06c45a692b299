import { useState } from 'react';
import { api, query as qs } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import type { Key } from '../../i18n/index.ts';
import type { Page } from '../../types.ts';
import { useLoad } from '../../ui/states.tsx';
import { IdentityValue } from './IdentityValue.tsx';
import { ListDialog, type ListAsk } from './ListDialog.tsx';
import { LIST_PATH, type Identity, type IdentityType, type ListEntry, type ListName } from './profile.ts';

const GROUPS: { type: IdentityType; title: Key }[] = [
  { type: 'phone', title: 'customer.phones' },
  { type: 'email', title: 'customer.emails' },
  { type: 'address', title: 'customer.addresses' },
];

/** The entries naming each identity, found by its key on both lists (an exact match on `key`). */
async function entriesOf(identities: Identity[], signal: AbortSignal): Promise<Map<string, ListEntry[]>> {
  const found = new Map<string, ListEntry[]>();
  await Promise.all(
    identities.flatMap((i) =>
      (['block', 'allow'] as ListName[]).map(async (list) => {
        const page = await api.get<Page<ListEntry>>(`${LIST_PATH[list]}${qs({ type: i.type, q: i.key.slice(0, 200), limit: 200 })}`, { signal });
        const mine = page.data.filter((e) => e.key === i.key).map((e) => ({ ...e, list }));
        if (mine.length) found.set(`${i.type}:${i.key}`, [...(found.get(`${i.type}:${i.key}`) ?? []), ...mine]);
      }),
    ),
  );
  return found;
}

/**
 * The person's phones, emails and addresses: how widely an address is shared (a weak link links
 * nobody), whether each is on the blocklist or allowlist (with `risk_lists.read`) and, with
 * `risk_lists.manage`, buttons to put it on a list or take it off.
 */
export function Identities({ identities, onFlash }: { identities: Identity[]; onFlash(message: string): void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const readLists = can('risk_lists.read');
  const manage = can('risk_lists.manage');
  const [ask, setAsk] = useState<ListAsk | null>(null);
  const ids = identities.map((i) => `${i.type}:${i.key}`).join('\n');
  const [lists, reloadLists] = useLoad((signal) => (readLists ? entriesOf(identities, signal) : Promise.resolve(null)), [ids, readLists]);
  const entries = lists.state === 'ready' ? lists.data : null;

  return (
    <div data-testid="identities">
      {lists.state === 'error' && <p className="field-error">{t('customer.listsFailed')}</p>}
      {GROUPS.map((g) => {
        const mine = identities.filter((i) => i.type === g.type);
        return (
          <div key={g.type} className="identity-group">
            <h3>{t(g.title)}</h3>
            {mine.length === 0 ? (
              <p className="muted">{t('customer.noIdentity')}</p>
            ) : (
              <ul className="identity-list">
                {mine.map((i) => {
                  const on = entries?.get(`${i.type}:${i.key}`) ?? [];
                  return (
                    <li key={i.key} data-identity={i.type} data-key={i.key} data-lists={on.map((e) => e.list).join(' ')}>
                      <div className="identity-main">
                        <span className="identity-value">
                          <IdentityValue identity={i} />
                        </span>
                        {i.type === 'address' && (i.weak || (i.shared_with ?? 0) > 0) && (
                          <span className={`small ${i.weak ? 'weak-link' : 'muted'}`} data-shared={i.shared_with}>
                            {i.weak ? t('customer.weakLink') : t.plural('customer.sharedWith', i.shared_with ?? 0)}
                          </span>
                        )}
                        {on.map((e) => (
                          <span key={e.id} className="identity-entry">
                            <span className={`badge ${e.list === 'block' ? 'tone-darkred' : 'tone-teal'}`} data-on-list={e.list}>
                              {t(e.list === 'block' ? 'customer.list.block' : 'customer.list.allow')}
                            </span>
                            <span className="muted small" dir="auto">
                              {t('customer.listReason', { reason: e.reason })}
                            </span>
                          </span>
                        ))}
                      </div>
                      {manage && entries && (
                        <div className="identity-actions">
                          {on.length > 0 ? (
                            on.map((e) => (
                              <button key={e.id} type="button" className="btn btn-outline btn-small" data-action={`remove-${e.list}`} onClick={() => setAsk({ kind: 'remove', entry: e, identity: i })}>
                                {t(e.list === 'block' ? 'customer.action.unblock' : 'customer.action.unallow')}
                              </button>
                            ))
                          ) : i.value ? (
                            <>
                              <button type="button" className="btn btn-danger btn-small" data-action="block" onClick={() => setAsk({ kind: 'add', list: 'block', identity: i })}>
                                {t('customer.action.block')}
                              </button>
                              <button type="button" className="btn btn-outline btn-small" data-action="allow" onClick={() => setAsk({ kind: 'add', list: 'allow', identity: i })}>
                                {t('customer.action.allow')}
                              </button>
                            </>
                          ) : null}
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
      {ask && (
        <ListDialog
          ask={ask}
          onClose={() => setAsk(null)}
          onDone={(message) => {
            setAsk(null);
            onFlash(message);
            reloadLists();
          }}
        />
      )}
    </div>
  );
}
