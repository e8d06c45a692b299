import { useI18n } from '../context.tsx';
import { LANGS, type Lang } from '../i18n/index.ts';
import { Icon } from '../ui/icons.tsx';

const NAMES: Record<Lang, string> = { ar: 'العربية', en: 'English' };

/**
 * Each language is named in itself, so someone who cannot read the current one still finds
 * theirs. `toggle`: one button to the other language (the top bar); `segmented`: both shown.
 */
export function LangSwitch({ variant = 'toggle' }: { variant?: 'toggle' | 'segmented' }) {
  const { lang, setLang, t } = useI18n();
  if (variant === 'toggle') {
    const other: Lang = lang === 'ar' ? 'en' : 'ar';
    return (
      <button type="button" className="chip lang-toggle" onClick={() => setLang(other)} lang={other} title={t('lang.switch')} data-testid="lang-toggle">
        <Icon name="globe" size={18} />
        <span>{NAMES[other]}</span>
      </button>
    );
  }
  return (
    <div className="segmented" role="group" aria-label={t('lang.switch')} data-testid="lang-switch">
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}

export function DigitsSwitch() {
  const { digits, setDigits, t } = useI18n();
  return (
    <div className="segmented digits-switch" role="group" aria-label={t('digits.label')} data-testid="digits-switch">
      <button type="button" aria-pressed={digits === 'latin'} onClick={() => setDigits('latin')} title={t('digits.latinName')} aria-label={t('digits.latinName')}>
        {t('digits.latin')}
      </button>
      <button type="button" aria-pressed={digits === 'arabic'} onClick={() => setDigits('arabic')} title={t('digits.arabicName')} aria-label={t('digits.arabicName')}>
        {t('digits.arabic')}
      </button>
    </div>
  );
}
