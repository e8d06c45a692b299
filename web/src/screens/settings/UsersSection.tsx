import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import { Field } from '../../ui/Field.tsx';
import { ErrorState, Loading, useLoad } from '../../ui/states.tsx';
import { TableHead } from '../../ui/TableHead.tsx';
import { CopyBox, RoleOptions, SaveNotice, SelectField, useSave } from './shared.tsx';

interface Member {
  id: string;
  email: string;
  name: string;
  role: string;
  role_label: { ar: string; en: string };
  disabled: boolean;
  last_sign_in_at: string | null;
}
interface Invitation {
  id: string;
  email: string;
  role: string;
  role_label: { ar: string; en: string };
  expires_at: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The team: who may sign in and as what; invitations by link; change a role, disable, enable. */
export function UsersSection() {
  const [loaded, reload] = useLoad(async (signal) => {
    const [users, invitations] = await Promise.all([
      api.get<{ data: Member[] }>('/v1/users?limit=200', { signal }),
      api.get<{ data: Invitation[] }>('/v1/invitations?limit=200', { signal }),
    ]);
    return { users: users.data, invitations: invitations.data };
  }, []);
  return (
    <div data-testid="users">
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'error' && <ErrorState error={loaded.error} onRetry={reload} />}
      {loaded.state === 'ready' && <Team users={loaded.data.users} invitations={loaded.data.invitations} reload={reload} />}
      <InviteForm onInvited={reload} />
    </div>
  );
}

function Team({ users, invitations, reload }: { users: Member[]; invitations: Invitation[]; reload(): void }) {
  const { t, lang, fmt } = useI18n();
  const { me } = useSession();
  const change = useSave();
  const isOwner = me.user.role === 'owner';
  const codes = { last_owner: t('settings.users.lastOwner'), forbidden: t('settings.users.onlyOwners') };

  const patch = async (u: Member, body: { role?: string; disabled?: boolean }, saved: string) => {
    const done = await change.run(() => api.patch<Member>(`/v1/users/${encodeURIComponent(u.id)}`, body), { saved, codes });
    reload();
    return done;
  };
  const withdraw = async (inv: Invitation) => {
    await change.run(() => api.del<void>(`/v1/invitations/${encodeURIComponent(inv.id)}`).then(() => true), { saved: t('settings.users.withdrawn', { email: inv.email }), codes });
    reload();
  };

  return (
    <>
      <section className="card" aria-labelledby="team-h">
        <h2 id="team-h">{t('settings.users.title')}</h2>
        <SaveNotice state={change} />
        <div className="table-wrap">
          <table className="table users-table" data-testid="users-table">
            <TableHead cols={[t('settings.users.person'), t('settings.users.role'), t('settings.users.status')]} actions={t('order.actions')} />
            <tbody>
              {users.map((u) => {
                const self = u.id === me.user.id;
                const mayManage = isOwner || u.role !== 'owner';
                return (
                  <tr key={u.id} data-user={u.email}>
                    <td>
                      <bdi className="strong">{u.name}</bdi>
                      {self && <span className="badge tone-blue">{t('settings.users.you')}</span>}
                      <span className="small muted">
                        <bdi dir="ltr">{u.email}</bdi>
                      </span>
                    </td>
                    <td>
                      {self || !mayManage ? (
                        u.role_label[lang]
                      ) : (
                        <select className="inline-select" aria-label={t('settings.users.roleOf', { name: u.name })} value={u.role} disabled={change.busy}
                          onChange={(e) => void patch(u, { role: e.currentTarget.value }, t('settings.users.roleChanged', { name: u.name }))}>
                          <RoleOptions isOwner={isOwner} />
                        </select>
                      )}
                    </td>
                    <td>
                      <span className={`badge ${u.disabled ? 'tone-grey' : 'tone-green'}`} data-testid="user-status" data-active={!u.disabled}>
                        {t(u.disabled ? 'settings.users.disabled' : 'settings.users.active')}
                      </span>
                      {u.last_sign_in_at && <span className="small muted">{t('settings.users.lastSignIn', { when: fmt.relative(u.last_sign_in_at) })}</span>}
                    </td>
                    <td className="cell-end">
                      {!self && mayManage && (
                        <button type="button" className={`btn btn-small ${u.disabled ? 'btn-outline' : 'btn-danger'}`} disabled={change.busy} data-testid={u.disabled ? 'enable' : 'disable'}
                          onClick={() => void patch(u, { disabled: !u.disabled }, t(u.disabled ? 'settings.users.enabledDone' : 'settings.users.disabledDone', { name: u.name }))}>
                          {t(u.disabled ? 'settings.users.enable' : 'settings.users.disable')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {invitations.length > 0 && (
        <section className="card" aria-labelledby="invitations-h">
          <h2 id="invitations-h">{t('settings.users.pending')}</h2>
          <ul className="invitations" data-testid="invitations">
            {invitations.map((inv) => (
              <li key={inv.id} data-email={inv.email}>
                <div>
                  <bdi dir="ltr" className="strong">
                    {inv.email}
                  </bdi>
                  <span className="small muted">
                    {inv.role_label[lang]} · {t('settings.users.expires', { date: fmt.date(inv.expires_at) })}
                  </span>
                </div>
                {(isOwner || inv.role !== 'owner') && (
                  <button type="button" className="btn btn-outline btn-small" disabled={change.busy} onClick={() => void withdraw(inv)}>
                    {t('settings.users.withdraw')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function InviteForm({ onInvited }: { onInvited(): void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('confirmation_agent');
  const [tried, setTried] = useState(false);
  const [sent, setSent] = useState<{ email: string; link: string } | null>(null);
  const save = useSave();
  const isOwner = me.user.role === 'owner';

  const problem = !email.trim() ? (tried ? t('common.required') : null) : !EMAIL.test(email.trim()) && (tried || email.includes('@')) ? t('signIn.emailInvalid') : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!email.trim() || !EMAIL.test(email.trim())) return;
    const answer = await save.run(() => api.post<{ link: string; invitation: { email: string } }>('/v1/invitations', { email: email.trim(), role }), {
      saved: t('settings.users.invited'),
      codes: { user_exists: t('settings.users.exists'), forbidden: t('settings.users.onlyOwners') },
    });
    if (answer) {
      setSent({ email: answer.invitation.email, link: answer.link });
      setEmail('');
      setTried(false);
      onInvited();
    }
  };

  return (
    <section className="card" aria-labelledby="invite-h">
      <h2 id="invite-h">{t('settings.users.invite')}</h2>
      <p className="muted">{t('settings.users.inviteLead')}</p>
      <form onSubmit={submit} noValidate data-testid="invite-form">
        <div className="field-grid">
          <Field name="invite-email" type="email" dir="ltr" inputMode="email" autoCapitalize="none" spellCheck={false} label={t('signIn.email')} value={email}
            onChange={(e) => { setEmail(e.currentTarget.value); save.forget('email'); }} error={problem ?? save.fields.email} />
          <SelectField name="invite-role" label={t('settings.users.role')} value={role} onChange={(e) => { setRole(e.currentTarget.value); save.forget('role'); }} error={save.fields.role}>
            <RoleOptions isOwner={isOwner} />
          </SelectField>
        </div>
        <SaveNotice state={save} />
        {sent && save.saved && (
          <div className="invite-result" data-testid="invite-result">
            <CopyBox label={t('settings.users.link', { email: sent.email })} value={sent.link} testId="invite-link" />
            <p className="hint">{t('settings.users.linkHint')}</p>
          </div>
        )}
        <button type="submit" className="btn btn-primary" disabled={save.busy} aria-busy={save.busy}>
          {t('settings.users.send')}
        </button>
      </form>
    </section>
  );
}
