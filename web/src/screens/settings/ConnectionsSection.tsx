import { useState, type FormEvent } from 'react';
import { useI18n, useSession } from '../../context.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { Icon } from '../../ui/icons.tsx';
import { CopyBox, CopyButton, patchSettings, ReadOnlyNote, SaveNotice, useSave, WithStore, type StoreView } from './shared.tsx';

const PLATFORMS = ['shopify', 'woocommerce', 'salla'] as const;
type Platform = (typeof PLATFORMS)[number];
// The set-up steps in each platform's admin, in words.ts (`settings.connections.<platform>.stepN`).
const STEPS: Record<Platform, number> = { shopify: 5, woocommerce: 6, salla: 5 };

/** A secret to paste on both sides (WooCommerce lets the merchant choose one): 32 URL-safe characters. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Shopify, WooCommerce and Salla: the webhook address to paste, the steps, and the signing secret. */
export const ConnectionsSection = () => <WithStore form={Connections} />;

function Connections({ store: initial }: { store: StoreView }) {
  const { t } = useI18n();
  const [store, setStore] = useState(initial);
  return (
    <div data-testid="connections">
      <p className="muted">{t('settings.connections.lead')}</p>
      <ReadOnlyNote />
      {PLATFORMS.map((p) => (
        <PlatformCard key={p} platform={p} store={store} onSaved={setStore} />
      ))}
    </div>
  );
}

function PlatformCard({ platform, store, onSaved }: { platform: Platform; store: StoreView; onSaved(s: StoreView): void }) {
  const { t, fmt } = useI18n();
  const { can } = useSession();
  const readOnly = !can('settings.manage');
  const [secret, setSecret] = useState('');
  const [show, setShow] = useState(false);
  const [generated, setGenerated] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const save = useSave();
  const isSet = Boolean(store.settings.integrations?.[platform]?.webhook_secret_set);
  const url = `${location.origin}/v1/webhooks/${platform}/${store.id}`;
  const name = t(`source.${platform}`);

  const trimmed = secret.trim();
  const problem = trimmed && trimmed.length < 8 ? t('settings.connections.short', { min: fmt.number(8) }) : trimmed.length > 500 ? t('common.tooLong', { max: fmt.number(500) }) : null;
  const path = `integrations.${platform}.webhook_secret`;
  const error = problem ?? save.fields[path] ?? null;

  const write = async (value: string | null) => {
    const next = await save.run(() => patchSettings({ integrations: { [platform]: { webhook_secret: value } } }), { saved: value ? t('settings.connections.saved') : t('settings.connections.removed') });
    if (next) {
      onSaved(next);
      setSecret('');
      setGenerated(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!trimmed) return save.fail(t('settings.connections.enterSecret'));
    if (!problem) void write(trimmed);
  };

  return (
    <section className="card platform" aria-labelledby={`${platform}-h`} data-platform={platform}>
      <div className="platform-head">
        <h2 id={`${platform}-h`}>{name}</h2>
        <span className={`badge ${isSet ? 'tone-green' : 'tone-grey'}`} data-testid="secret-status" data-set={isSet}>
          {isSet && <Icon name="check" size={14} />}
          {t(isSet ? 'settings.connections.set' : 'settings.connections.notSet')}
        </span>
      </div>
      <CopyBox label={t('settings.connections.url')} value={url} testId="webhook-url" />
      <details className="setup" open={!isSet}>
        <summary>{t('settings.connections.how', { platform: name })}</summary>
        <ol className="setup-steps">
          {Array.from({ length: STEPS[platform] }, (_, i) => (
            <li key={i}>{t.code(`settings.connections.${platform}`, `step${i + 1}`)}</li>
          ))}
        </ol>
      </details>
      <form onSubmit={submit} noValidate>
        <fieldset className="plain" disabled={readOnly}>
          <Field
            name={`${platform}-secret`}
            type={show ? 'text' : 'password'}
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            label={isSet ? t('settings.connections.replace') : t('settings.connections.secret')}
            hint={t(`settings.connections.${platform}.secretHint`)}
            value={secret}
            onChange={(e) => {
              setSecret(e.currentTarget.value);
              save.forget(path);
            }}
            error={error}
            addon={
              <button type="button" className="input-addon" onClick={() => setShow((s) => !s)} aria-pressed={show} aria-label={show ? t('signIn.hidePassword') : t('signIn.showPassword')} title={show ? t('signIn.hidePassword') : t('signIn.showPassword')}>
                <Icon name={show ? 'eyeOff' : 'eye'} />
              </button>
            }
          />
          {generated && (
            <p className="hint generated">
              {t('settings.connections.generatedHint')} <CopyButton text={secret} />
            </p>
          )}
          <SaveNotice state={save} />
          {!readOnly && (
            <div className="action-bar">
              <button type="submit" className="btn btn-primary" disabled={save.busy} aria-busy={save.busy}>
                {t('settings.connections.saveSecret')}
              </button>
              {platform === 'woocommerce' && (
                <button type="button" className="btn btn-outline" onClick={() => { setSecret(newSecret()); setShow(true); setGenerated(true); save.forget(path); }}>
                  {t('settings.connections.generate')}
                </button>
              )}
              {isSet && (
                <button type="button" className="btn btn-danger" disabled={save.busy} onClick={() => setConfirming(true)} data-testid="remove-secret">
                  {t('settings.connections.remove')}
                </button>
              )}
            </div>
          )}
        </fieldset>
      </form>
      {confirming && (
        <Dialog title={t('settings.connections.removeTitle', { platform: name })} onClose={() => setConfirming(false)} labelId={`${platform}-remove-title`}>
          <p>{t('settings.connections.removeText', { platform: name })}</p>
          <div className="dialog-actions">
            <button type="button" className="btn btn-danger-solid" onClick={() => { setConfirming(false); void write(null); }} data-testid="confirm-remove">
              {t('settings.connections.remove')}
            </button>
            <button type="button" className="btn btn-outline" onClick={() => setConfirming(false)} data-autofocus>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
