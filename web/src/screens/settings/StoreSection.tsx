import { useMemo, useState, type FormEvent } from 'react';
import { useI18n, useSession } from '../../context.tsx';
import { Field } from '../../ui/Field.tsx';
import { patchSettings, ReadOnlyNote, SaveNotice, SelectField, useSave, WithStore, type StoreView } from './shared.tsx';

// Where wasl's merchants are; a store elsewhere keeps its own value (it is added to the list).
const COUNTRIES = ['SA', 'AE', 'KW', 'QA', 'BH', 'OM', 'EG', 'JO', 'IQ', 'LB', 'PS', 'YE', 'MA', 'DZ', 'TN', 'LY', 'SD'];
const CURRENCIES = ['SAR', 'AED', 'KWD', 'QAR', 'BHD', 'OMR', 'EGP', 'JOD', 'IQD', 'LBP', 'YER', 'MAD', 'DZD', 'TND', 'LYD', 'SDG', 'USD', 'EUR'];
const ZONES = ['Asia/Riyadh', 'Asia/Dubai', 'Asia/Kuwait', 'Asia/Qatar', 'Asia/Bahrain', 'Asia/Muscat', 'Africa/Cairo', 'Asia/Amman', 'Asia/Baghdad', 'Asia/Beirut', 'Asia/Gaza', 'Asia/Aden', 'Africa/Casablanca', 'Africa/Algiers', 'Africa/Tunis', 'Africa/Tripoli', 'Africa/Khartoum', 'Europe/Istanbul', 'Europe/London', 'UTC'];

type Values = { name: string; country: string; currency: string; timezone: string; locale: string };

/** Name, country, currency, time zone and language of the store (PATCH /v1/store/settings). */
export const StoreSection = () => <WithStore form={StoreForm} />;

function StoreForm({ store }: { store: StoreView }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { can, me, update } = useSession();
  const readOnly = !can('settings.manage');
  const [saved, setSaved] = useState<Values>({ name: store.name, country: store.country, currency: store.currency, timezone: store.timezone, locale: store.locale });
  const [v, setV] = useState<Values>(saved);
  const save = useSave();

  const names = useMemo(() => {
    const region = new Intl.DisplayNames([lang], { type: 'region' });
    const currency = new Intl.DisplayNames([lang], { type: 'currency' });
    const zone = (z: string) => {
      try {
        const part = new Intl.DateTimeFormat(lang, { timeZone: z, timeZoneName: 'shortOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
        return `${z.replace(/_/g, ' ')} (${part?.value ?? ''})`;
      } catch {
        return z;
      }
    };
    return { region: (c: string) => region.of(c) ?? c, currency: (c: string) => currency.of(c) ?? c, zone };
  }, [lang]);

  const problems: Partial<Record<keyof Values, string | null>> = {
    name: !v.name.trim() ? t('common.required') : v.name.trim().length > 200 ? t('common.tooLong', { max: i18n.fmt.number(200) }) : null,
  };
  const serverPath: Record<keyof Values, string> = { name: 'name', country: 'default_country', currency: 'currency', timezone: 'timezone', locale: 'locale' };
  const shown = (f: keyof Values) => problems[f] ?? save.fields[serverPath[f]] ?? null;
  const set = (f: keyof Values, value: string) => {
    setV((o) => ({ ...o, [f]: value }));
    save.forget(serverPath[f]);
  };
  const withCurrent = (list: string[], current: string) => (list.includes(current) ? list : [current, ...list]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (Object.values(problems).some(Boolean)) return;
    const patch: Record<string, string> = {};
    for (const f of Object.keys(v) as (keyof Values)[]) {
      const value = f === 'name' ? v.name.trim() : v[f];
      if (value !== saved[f]) patch[serverPath[f]] = value;
    }
    const next = await save.run(() => patchSettings(patch));
    if (!next) return;
    const now = { name: next.name, country: next.country, currency: next.currency, timezone: next.timezone, locale: next.locale };
    setSaved(now);
    setV(now);
    // The top bar shows the store's name, and amounts and dates follow its currency and time zone.
    update({ ...me, store: { ...me.store, ...now } });
  };

  const dirty = (Object.keys(v) as (keyof Values)[]).some((f) => (f === 'name' ? v.name.trim() : v[f]) !== saved[f]);
  return (
    <form className="card" onSubmit={submit} noValidate data-testid="store-form">
      <h2>{t('settings.store.title')}</h2>
      <ReadOnlyNote />
      <fieldset className="plain" disabled={readOnly}>
        <Field name="name" label={t('settings.store.name')} dir="auto" value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={shown('name')} />
        <div className="field-grid">
          <SelectField name="country" label={t('settings.store.country')} hint={t('settings.store.countryHint')} value={v.country} onChange={(e) => set('country', e.currentTarget.value)} error={shown('country')}>
            {withCurrent(COUNTRIES, v.country).map((c) => (
              <option key={c} value={c}>
                {names.region(c)}
              </option>
            ))}
          </SelectField>
          <SelectField name="currency" label={t('settings.store.currency')} hint={t('settings.store.currencyHint')} value={v.currency} onChange={(e) => set('currency', e.currentTarget.value)} error={shown('currency')}>
            {withCurrent(CURRENCIES, v.currency).map((c) => (
              <option key={c} value={c}>
                {names.currency(c)} ({c})
              </option>
            ))}
          </SelectField>
          <SelectField name="timezone" label={t('settings.store.timezone')} hint={t('settings.store.timezoneHint')} value={v.timezone} onChange={(e) => set('timezone', e.currentTarget.value)} error={shown('timezone')}>
            {withCurrent(ZONES, v.timezone).map((z) => (
              <option key={z} value={z}>
                {names.zone(z)}
              </option>
            ))}
          </SelectField>
          <SelectField name="locale" label={t('settings.store.locale')} hint={t('settings.store.localeHint')} value={v.locale} onChange={(e) => set('locale', e.currentTarget.value)} error={shown('locale')}>
            <option value="ar" lang="ar">
              العربية
            </option>
            <option value="en" lang="en">
              English
            </option>
          </SelectField>
        </div>
        <SaveNotice state={save} />
        {!readOnly && (
          <button type="submit" className="btn btn-primary" disabled={save.busy || !dirty} aria-busy={save.busy}>
            {t('common.save')}
          </button>
        )}
      </fieldset>
    </form>
  );
}
