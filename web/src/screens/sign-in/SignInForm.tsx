import { useRef, useState, type FormEvent } from 'react';
import { ApiError, auth } from '../../api.ts';
import { useI18n } from '../../context.tsx';
import type { Me } from '../../types.ts';
import { Field } from '../../ui/Field.tsx';
import { Icon } from '../../ui/icons.tsx';
import { errorText } from '../../ui/states.tsx';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type FieldName = 'email' | 'password';

/**
 * Email and password, checked as they are typed: a field's problem shows once the person has
 * left it (or pressed the button), and goes away the moment it is fixed. The server's answer
 * lands on its field when it names one, else above the button.
 */
export function SignInForm({ onSignedIn, email: initialEmail = '', autoFocus = true }: { onSignedIn(me: Me): void; email?: string; autoFocus?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [values, setValues] = useState({ email: initialEmail, password: '' });
  const [touched, setTouched] = useState<Record<FieldName, boolean>>({ email: false, password: false });
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const refs = { email: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };

  const problems: Record<FieldName, string | null> = {
    email: !values.email.trim() ? t('signIn.emailRequired') : !EMAIL.test(values.email.trim()) ? t('signIn.emailInvalid') : null,
    password: !values.password ? t('signIn.passwordRequired') : null,
  };
  const shown = (f: FieldName) => serverFields[f] ?? (touched[f] ? problems[f] : null);

  const change = (f: FieldName, v: string) => {
    setValues((old) => ({ ...old, [f]: v }));
    setServerFields(({ [f]: _gone, ...rest }) => rest);
    setFormError(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched({ email: true, password: true });
    const first = (['email', 'password'] as const).find((f) => problems[f]);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const me = await auth.signIn(values.email.trim(), values.password);
      onSignedIn(me);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_credentials') setFormError(t('signIn.invalid'));
      else if (err instanceof ApiError && err.status === 429) setFormError(t('signIn.tooMany'));
      else if (err instanceof ApiError && err.status === 404) setFormError(t('signIn.unavailable'));
      else if (err instanceof ApiError && err.details.length) {
        const fields = err.fields();
        setServerFields(fields);
        if (!fields.email && !fields.password) setFormError(errorText(err, i18n));
      } else setFormError(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sign-in-form" onSubmit={submit} noValidate>
      {formError && (
        <div className="notice notice-error" role="alert">
          <Icon name="alert" />
          <p>{formError}</p>
        </div>
      )}
      <Field
        ref={refs.email}
        name="email"
        type="email"
        dir="ltr"
        inputMode="email"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        autoFocus={autoFocus && !initialEmail}
        data-autofocus={!initialEmail || undefined}
        label={t('signIn.email')}
        value={values.email}
        onChange={(e) => change('email', e.currentTarget.value)}
        onBlur={() => values.email && setTouched((o) => ({ ...o, email: true }))}
        error={shown('email')}
      />
      <Field
        ref={refs.password}
        name="password"
        type={showPassword ? 'text' : 'password'}
        dir="ltr"
        autoComplete="current-password"
        autoFocus={autoFocus && Boolean(initialEmail)}
        data-autofocus={Boolean(initialEmail) || undefined}
        label={t('signIn.password')}
        value={values.password}
        onChange={(e) => change('password', e.currentTarget.value)}
        onBlur={() => values.password && setTouched((o) => ({ ...o, password: true }))}
        error={shown('password')}
        addon={
          <button
            type="button"
            className="input-addon"
            onClick={() => setShowPassword((s) => !s)}
            aria-pressed={showPassword}
            aria-label={showPassword ? t('signIn.hidePassword') : t('signIn.showPassword')}
            title={showPassword ? t('signIn.hidePassword') : t('signIn.showPassword')}
          >
            <Icon name={showPassword ? 'eyeOff' : 'eye'} />
          </button>
        }
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} aria-busy={busy}>
        {busy ? t('signIn.submitting') : t('signIn.submit')}
      </button>
    </form>
  );
}
