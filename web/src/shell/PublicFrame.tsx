import type { ReactNode } from 'react';
import { useI18n } from '../context.tsx';
import { LangSwitch } from './LangSwitch.tsx';

/** The frame of the pages a visitor sees before signing in (sign-in, invitation): brand, language, one card. */
export function PublicFrame({ children, testId }: { children: ReactNode; testId?: string }) {
  const { t } = useI18n();
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
        <div className="card sign-in-card" data-testid={testId}>
          {children}
        </div>
      </main>
    </div>
  );
}
