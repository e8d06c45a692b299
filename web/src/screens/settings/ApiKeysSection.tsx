import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { Icon } from '../../ui/icons.tsx';
import { ErrorState, Loading, useLoad } from '../../ui/states.tsx';
import { TableHead } from '../../ui/TableHead.tsx';
import { CopyBox, RoleOptions, SaveNotice, SelectField, useSave } from './shared.tsx';

interface ApiKey {
  id: string;
  name: string;
  role: string;
  role_label: { ar: string; en: string };
  prefix: string;
  created_at: string;
  current: boolean;
}

/** Keys for scripts and storefront apps: the list (never a key itself), a new key shown once, revoking. */
export function ApiKeysSection() {
  const i18n = useI18n();
  const { t, fmt, lang } = i18n;
  const { me } = useSession();
  const [keys, reload] = useLoad((signal) => api.get<{ data: ApiKey[] }>('/v1/api-keys', { signal }), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState('manager');
  const [tried, setTried] = useState(false);
  const [made, setMade] = useState<(ApiKey & { key: string }) | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const create = useSave();
  const revoke = useSave();
  const isOwner = me.user.role === 'owner';

  const nameProblem = !name.trim() ? (tried ? t('common.required') : null) : name.trim().length > 100 ? t('common.tooLong', { max: fmt.number(100) }) : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!name.trim() || nameProblem) return;
    const key = await create.run(() => api.post<ApiKey & { key: string }>('/v1/api-keys', { name: name.trim(), role }), { saved: t('settings.keys.made') });
    if (key) {
      setMade(key);
      setName('');
      setTried(false);
      reload();
    }
  };
  const doRevoke = async (key: ApiKey) => {
    setRevoking(null);
    const done = await revoke.run(() => api.del<void>(`/v1/api-keys/${encodeURIComponent(key.id)}`).then(() => true), { saved: t('settings.keys.revoked', { name: key.name }) });
    if (done) reload();
  };

  return (
    <div data-testid="api-keys">
      <section className="card" aria-labelledby="keys-h">
        <h2 id="keys-h">{t('settings.keys.title')}</h2>
        <p className="muted">{t('settings.keys.lead')}</p>
        <SaveNotice state={revoke} />
        {keys.state === 'loading' && <Loading />}
        {keys.state === 'error' && <ErrorState error={keys.error} onRetry={reload} />}
        {keys.state === 'ready' &&
          (keys.data.data.length === 0 ? (
            <p className="muted">{t('settings.keys.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table keys-table" data-testid="keys-table">
                <TableHead cols={[t('settings.keys.name'), t('settings.keys.role'), t('settings.keys.starts'), t('settings.keys.created')]} actions={t('order.actions')} />
                <tbody>
                  {keys.data.data.map((k) => (
                    <tr key={k.id} data-key-id={k.id}>
                      <td>
                        <bdi className="strong">{k.name}</bdi>
                        {k.current && <span className="badge tone-blue">{t('settings.keys.current')}</span>}
                      </td>
                      <td>{k.role_label[lang]}</td>
                      <td>
                        <code dir="ltr">{k.prefix}…</code>
                      </td>
                      <td className="nowrap">{fmt.date(k.created_at)}</td>
                      <td className="cell-end">
                        {(isOwner || k.role !== 'owner') && (
                          <button type="button" className="btn btn-danger btn-small" onClick={() => setRevoking(k)} data-testid="revoke">
                            {t('settings.keys.revoke')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>

      <section className="card" aria-labelledby="new-key-h">
        <h2 id="new-key-h">{t('settings.keys.new')}</h2>
        <form onSubmit={submit} noValidate data-testid="new-key">
          <div className="field-grid">
            <Field name="key-name" label={t('settings.keys.name')} hint={t('settings.keys.nameHint')} dir="auto" value={name}
              onChange={(e) => { setName(e.currentTarget.value); create.forget('name'); }} error={nameProblem ?? create.fields.name} />
            <SelectField name="key-role" label={t('settings.keys.role')} hint={t('settings.keys.roleHint')} value={role} onChange={(e) => { setRole(e.currentTarget.value); create.forget('role'); }} error={create.fields.role}>
              <RoleOptions isOwner={isOwner} />
            </SelectField>
          </div>
          {!made && <SaveNotice state={create} />}
          <button type="submit" className="btn btn-primary" disabled={create.busy} aria-busy={create.busy}>
            {t('settings.keys.make')}
          </button>
        </form>
      </section>

      {made && (
        <Dialog title={t('settings.keys.madeTitle', { name: made.name })} onClose={() => setMade(null)} labelId="made-key-title">
          <div className="notice notice-info" role="status">
            <Icon name="alert" />
            <p>{t('settings.keys.once')}</p>
          </div>
          <div data-testid="new-key-value">
            <CopyBox label={t('settings.keys.key')} value={made.key} testId="key-value" />
          </div>
          <p className="small muted">{t('settings.keys.use')}</p>
          <pre className="code-sample" dir="ltr">{`curl -H "Authorization: Bearer ${made.key}" \\\n  ${location.origin}/v1/orders`}</pre>
          <div className="dialog-actions">
            <button type="button" className="btn btn-primary" onClick={() => setMade(null)} data-autofocus data-testid="key-done">
              {t('settings.keys.done')}
            </button>
          </div>
        </Dialog>
      )}
      {revoking && (
        <Dialog title={t('settings.keys.revokeTitle', { name: revoking.name })} onClose={() => setRevoking(null)} labelId="revoke-key-title">
          <p>{revoking.current ? t('settings.keys.revokeCurrent') : t('settings.keys.revokeText')}</p>
          <div className="dialog-actions">
            <button type="button" className="btn btn-danger-solid" onClick={() => void doRevoke(revoking)} data-testid="confirm-revoke">
              {t('settings.keys.revoke')}
            </button>
            <button type="button" className="btn btn-outline" onClick={() => setRevoking(null)} data-autofocus>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
