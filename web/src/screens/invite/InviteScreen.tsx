import { useState, type FormEvent } from 'react';
import { api, ApiError, request } from '../../api.ts';
import { useI18n } from '../../context.tsx';
import { Link } from '../../router.tsx';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import type { Me } from '../../types.ts';
import { Field } from '../../ui/Field.tsx';
import { Icon } from '../../ui/icons.tsx';
import { Interpolate } from '../../ui/Interpolate.tsx';
import { errorText, Loading, useLoad, useTitle } from '../../ui/states.tsx';

const MIN_PASSWORD = 10;

interface Invitation {
  email: string;
  role_label: { ar: string; en: string };
  name: string | null;
  store_name: string;
}

/** `/invite/<token>`: the link a store owner sent. Choose a name and a password, and you are in. */
export function InviteScreen({ token, onSignedIn }: { token: string; onSignedIn(me: Me): void }) {
  const i18n = useI18n();
  const { t, lang, fmt } = i18n;
  const path = `/v1/invitations/${encodeURIComponent(token)}`;
  const [loaded] = useLoad((signal) => api.get<Invitation>(path, { signal, authFlow: true }), [token]);
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [show, setShow] = useState(false);
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState<{ fields: Record<string, string>; message: string | null }>({ fields: {}, message: null });
  const [busy, setBusy] = useState(false);
  const invitation = loaded.state === 'ready' ? loaded.data : null;
  useTitle(invitation ? t('invite.title', { store: invitation.store_name }) : t('invite.checking'));

  const nameValue = name ?? invitation?.name ?? '';
  const problems = {
    name: !nameValue.trim() ? (tried ? t('common.required') : null) : null,
    password: password.length < MIN_PASSWORD && (tried || password.length > 0) ? t('invite.passwordHint', { min: fmt.number(MIN_PASSWORD) }) : null,
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!nameValue.trim() || password.length < MIN_PASSWORD) return;
    setBusy(true);
    setServer({ fields: {}, message: null });
    try {
      onSignedIn(await request<Me>('POST', `${path}/accept`, { name: nameValue.trim(), password }, { authFlow: true }));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields() : {};
      setServer({ fields, message: fields.name || fields.password ? null : errorText(err, i18n) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicFrame testId="invite">
      {loaded.state === 'loading' && <Loading label={t('invite.checking')} />}
      {loaded.state === 'error' && (
        <>
          <div className="notice notice-error" role="alert">
            <Icon name="alert" />
            <p>{errorText(loaded.error, i18n)}</p>
          </div>
          <Link to="/sign-in" className="btn btn-outline btn-block">
            {t('invite.toSignIn')}
          </Link>
        </>
      )}
      {invitation && (
        <>
          <h1>
            <Interpolate text={t('invite.title')} slots={{ store: <bdi>{invitation.store_name}</bdi> }} />
          </h1>
          <p className="lead">{t('invite.lead', { role: invitation.role_label[lang], email: invitation.email })}</p>
          <form className="sign-in-form" onSubmit={submit} noValidate>
            {server.message && (
              <div className="notice notice-error" role="alert">
                <Icon name="alert" />
                <p>{server.message}</p>
              </div>
            )}
            <Field name="name" label={t('invite.name')} autoComplete="name" dir="auto" value={nameValue} onChange={(e) => setName(e.currentTarget.value)} error={server.fields.name ?? problems.name} />
            <Field
              name="password"
              type={show ? 'text' : 'password'}
              dir="ltr"
              autoComplete="new-password"
              label={t('invite.password')}
              hint={t('invite.passwordHint', { min: fmt.number(MIN_PASSWORD) })}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={server.fields.password ?? (tried ? problems.password : null)}
              addon={
                <button type="button" className="input-addon" onClick={() => setShow((v) => !v)} aria-pressed={show} aria-label={show ? t('signIn.hidePassword') : t('signIn.showPassword')}>
                  <Icon name={show ? 'eyeOff' : 'eye'} />
                </button>
              }
            />
            <input type="email" name="email" autoComplete="username" value={invitation.email} readOnly hidden />
            <button type="submit" className="btn btn-primary btn-block" disabled={busy} aria-busy={busy}>
              {t('invite.submit')}
            </button>
          </form>
        </>
      )}
    </PublicFrame>
  );
}
