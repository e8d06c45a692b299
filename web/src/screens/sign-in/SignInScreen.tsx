import { useI18n } from '../../context.tsx';
import type { Me } from '../../types.ts';
import { LangSwitch } from '../../shell/LangSwitch.tsx';
import { useTitle } from '../../ui/states.tsx';
import { SignInForm } from './SignInForm.tsx';

export function SignInScreen({ onSignedIn }: { onSignedIn(me: Me): void }) {
  const { t } = useI18n();
  useTitle(t('signIn.title'));
  return (
    <div className="sign-in">
      <header className="sign-in-top">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            و
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <LangSwitch variant="segmented" />
      </header>
      <main className="sign-in-main" id="main">
        <div className="card sign-in-card">
          <h1>{t('signIn.title')}</h1>
          <p className="lead">{t('signIn.lead')}</p>
          <SignInForm onSignedIn={onSignedIn} />
        </div>
      </main>
    </div>
  );
}
