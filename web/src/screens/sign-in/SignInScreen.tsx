import { useI18n } from '../../context.tsx';
import type { Me } from '../../types.ts';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import { useTitle } from '../../ui/states.tsx';
import { SignInForm } from './SignInForm.tsx';

export function SignInScreen({ onSignedIn }: { onSignedIn(me: Me): void }) {
  const { t } = useI18n();
  useTitle(t('signIn.title'));
  return (
    <PublicFrame>
      <h1>{t('signIn.title')}</h1>
      <p className="lead">{t('signIn.lead')}</p>
      <SignInForm onSignedIn={onSignedIn} />
    </PublicFrame>
  );
}
