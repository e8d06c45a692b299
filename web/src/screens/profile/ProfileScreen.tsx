import { useState, type FormEvent } from 'react';
import { api, ApiError, devApiKey } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import { DigitsSwitch, LangSwitch } from '../../shell/LangSwitch.tsx';
import type { Me } from '../../types.ts';
import { Field } from '../../ui/Field.tsx';
import { Icon } from '../../ui/icons.tsx';
import { errorText, useTitle } from '../../ui/states.tsx';

const MIN_PASSWORD = 10;

type Result = { ok: string } | { error: string; fields: Record<string, string> } | null;

/** Your own name, language, digits and password (PATCH /v1/auth/me). */
export default function ProfileScreen() {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const { me, update } = useSession();
  useTitle(t('profile.title'));
  const [name, setName] = useState(me.user.name);
  const [nameResult, setNameResult] = useState<Result>(null);
  const [pw, setPw] = useState({ current: '', next: '' });
  const [pwTried, setPwTried] = useState(false);
  const [pwResult, setPwResult] = useState<Result>(null);
  const [busy, setBusy] = useState<'name' | 'password' | null>(null);

  if (devApiKey()) {
    return (
      <div className="page">
        <h1 className="page-title">{t('profile.title')}</h1>
        <div className="notice notice-info">
          <p>{t('profile.apiKey')}</p>
        </div>
      </div>
    );
  }

  const save = async (which: 'name' | 'password', body: Record<string, string>, done: string, set: (r: Result) => void) => {
    setBusy(which);
    set(null);
    try {
      update(await api.patch<Me>('/v1/auth/me', body));
      set({ ok: done });
      if (which === 'password') setPw({ current: '', next: '' });
    } catch (err) {
      set({ error: errorText(err, i18n), fields: err instanceof ApiError ? err.fields() : {} });
    } finally {
      setBusy(null);
    }
  };
  const fieldError = (r: Result, path: string) => (r && 'fields' in r ? r.fields[path] : undefined);
  const short = pw.next.length > 0 && pw.next.length < MIN_PASSWORD;

  const submitName = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) void save('name', { name: name.trim() }, t('profile.saved'), setNameResult);
  };
  const submitPassword = (e: FormEvent) => {
    e.preventDefault();
    setPwTried(true);
    if (!pw.current || pw.next.length < MIN_PASSWORD) return;
    void save('password', { current_password: pw.current, new_password: pw.next }, t('profile.passwordSaved'), setPwResult);
  };

  const notice = (r: Result) =>
    r && (
      <div className={`notice ${'ok' in r ? 'notice-success' : 'notice-error'}`} role={'ok' in r ? 'status' : 'alert'}>
        <Icon name={'ok' in r ? 'check' : 'alert'} />
        <p>{'ok' in r ? r.ok : r.error}</p>
      </div>
    );

  return (
    <div className="page profile-page">
      <h1 className="page-title">{t('profile.title')}</h1>
      <section className="card">
        <form onSubmit={submitName} noValidate>
          {notice(nameResult)}
          <Field name="name" label={t('profile.name')} dir="auto" autoComplete="name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={!name.trim() ? t('common.required') : fieldError(nameResult, 'name')} />
          <p className="muted">
            <bdi dir="ltr">{me.user.email}</bdi> · {me.user.role_label[i18n.lang]}
          </p>
          <button type="submit" className="btn btn-primary" disabled={busy === 'name' || !name.trim()}>
            {t('common.save')}
          </button>
        </form>
        <div className="kv profile-prefs">
          <span>{t('lang.switch')}</span>
          <LangSwitch variant="segmented" />
        </div>
        <div className="kv profile-prefs">
          <span>{t('digits.label')}</span>
          <DigitsSwitch />
        </div>
      </section>
      <section className="card">
        <h2>{t('profile.password')}</h2>
        <form onSubmit={submitPassword} noValidate>
          {notice(pwResult)}
          <input type="email" name="email" autoComplete="username" value={me.user.email} readOnly hidden />
          <Field name="current_password" type="password" dir="ltr" autoComplete="current-password" label={t('profile.current')} value={pw.current}
            onChange={(e) => setPw({ ...pw, current: e.currentTarget.value })}
            error={fieldError(pwResult, 'current_password') ?? (pwTried && !pw.current ? t('common.required') : null)} />
          <Field name="new_password" type="password" dir="ltr" autoComplete="new-password" label={t('profile.new')} hint={t('invite.passwordHint', { min: fmt.number(MIN_PASSWORD) })} value={pw.next}
            onChange={(e) => setPw({ ...pw, next: e.currentTarget.value })}
            error={fieldError(pwResult, 'new_password') ?? ((pwTried || short) && pw.next.length < MIN_PASSWORD ? t('invite.passwordHint', { min: fmt.number(MIN_PASSWORD) }) : null)} />
          <button type="submit" className="btn btn-primary" disabled={busy === 'password'}>
            {t('profile.password')}
          </button>
        </form>
      </section>
    </div>
  );
}
