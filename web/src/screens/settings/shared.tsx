import { useId, useState, type ComponentType, type ReactNode, type SelectHTMLAttributes } from 'react';
import { api, ApiError } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import { describedBy, FieldFrame } from '../../ui/Field.tsx';
import { Icon } from '../../ui/icons.tsx';
import { errorText, ErrorState, Loading, useLoad } from '../../ui/states.tsx';
import { ROLES } from './sections.ts';

/** GET /v1/store: secrets come back as `<name>_set: true`, never as themselves. */
export interface StoreView {
  id: string;
  name: string;
  country: string;
  currency: string;
  timezone: string;
  locale: string;
  settings: Record<string, any>;
}

/** A settings form over the store as GET /v1/store shows it: loading and errors handled here. */
export function WithStore({ form: Form }: { form: ComponentType<{ store: StoreView }> }) {
  const [store, reload] = useLoad((signal) => api.get<StoreView>('/v1/store', { signal }), []);
  if (store.state === 'loading') return <Loading />;
  if (store.state === 'error') return <ErrorState error={store.error} onRetry={reload} />;
  return <Form store={store.data} />;
}

/** PATCH /v1/store/settings: objects merge, `null` removes (API.md "Store settings"). */
export const patchSettings = (patch: Record<string, unknown>) => api.patch<StoreView>('/v1/store/settings', patch);

export interface SaveState {
  busy: boolean;
  saved: string | null;
  error: string | null;
  /** The server's problems by field path (`verification.steps[0].after_seconds`). */
  fields: Record<string, string>;
}

/**
 * One form's saving: busy while it runs, "saved" when done, the server's field errors by path
 * (shown in place by the form) and its message when no field is named. Editing a field forgets
 * the server's word on it (`forget`), and the "saved" note, which is about the earlier values.
 */
export function useSave() {
  const i18n = useI18n();
  const [state, setState] = useState<SaveState>({ busy: false, saved: null, error: null, fields: {} });
  /** `codes`: our own words for error codes the server may answer (`last_owner`), in place of its English. */
  const run = async <T,>(fn: () => Promise<T>, opts: { saved?: string; codes?: Record<string, string> } = {}): Promise<T | undefined> => {
    setState({ busy: true, saved: null, error: null, fields: {} });
    try {
      const out = await fn();
      setState({ busy: false, saved: opts.saved ?? i18n.t('common.saved'), error: null, fields: {} });
      return out;
    } catch (err) {
      const ours = err instanceof ApiError ? opts.codes?.[err.code] : undefined;
      let fields = err instanceof ApiError ? err.fields() : {};
      if (ours) fields = Object.fromEntries(Object.keys(fields).map((k) => [k, ours]));
      const named = Object.keys(fields).length > 0 && !(err instanceof ApiError && err.status === 403);
      setState({ busy: false, saved: null, error: named ? i18n.t('common.fixFields') : (ours ?? errorText(err, i18n)), fields: named ? fields : {} });
      return undefined;
    }
  };
  const forget = (path?: string) =>
    setState((s) => {
      if (!s.saved && !s.error && (!path || !(path in s.fields))) return s;
      const fields = { ...s.fields };
      if (path) delete fields[path];
      return { ...s, saved: null, fields, error: Object.keys(fields).length || !s.error ? s.error : null };
    });
  return { ...state, run, forget, fail: (error: string) => setState({ busy: false, saved: null, error, fields: {} }) };
}

/** "Saved." or what went wrong, above the form's button, announced to screen readers. */
export function SaveNotice({ state }: { state: Pick<SaveState, 'saved' | 'error'> }) {
  if (!state.saved && !state.error) return null;
  const ok = Boolean(state.saved);
  return (
    <div className={`notice ${ok ? 'notice-success' : 'notice-error'}`} role={ok ? 'status' : 'alert'} data-testid={ok ? 'saved' : 'save-error'}>
      <Icon name={ok ? 'check' : 'alert'} />
      <p>{ok ? state.saved : state.error}</p>
    </div>
  );
}

/** For someone who may look but not change: says so, and the form's fieldset is disabled. */
export function ReadOnlyNote({ permission = 'settings.manage' }: { permission?: 'settings.manage' | 'templates.manage' }) {
  const { t } = useI18n();
  const { can } = useSession();
  if (can(permission)) return null;
  return (
    <div className="notice notice-info" data-testid="read-only">
      <Icon name="eye" />
      <p>{t('settings.readOnly')}</p>
    </div>
  );
}

/** A labelled <select> with its hint and error, like ui/Field. */
export function SelectField({ label, hint, error, children, ...select }: { label: string; hint?: string; error?: string | null; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {children}
      </select>
    </FieldFrame>
  );
}

/** The roles someone may give (to a person or a key), as <option>s: only an owner gives "owner". */
export function RoleOptions({ isOwner }: { isOwner: boolean }) {
  const { t } = useI18n();
  return ROLES.filter((r) => isOwner || r !== 'owner').map((r) => (
    <option key={r} value={r}>
      {t(`settings.role.${r}`)}
    </option>
  ));
}

/** Copy a text (a webhook address, a new key) with one press; says "Copied" for a moment. */
export function CopyButton({ text, label, className = 'btn btn-outline btn-small' }: { text: string; label?: string; className?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('no'); // no clipboard here (an insecure origin): the text is selectable beside the button
    }
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <button type="button" className={className} onClick={copy} data-testid="copy" aria-live="polite">
      {copied === 'yes' && <Icon name="check" size={16} />}
      {copied === 'yes' ? t('settings.copied') : copied === 'no' ? t('settings.copyFailed') : (label ?? t('settings.copy'))}
    </button>
  );
}

/** A read-only text to copy (left to right: an address, a key), with its copy button. */
export function CopyBox({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} readOnly value={value} dir="ltr" data-testid={testId} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <CopyButton text={value} />
      </div>
    </div>
  );
}

/** A whole number typed in any digits, within [min, max]: null when fine, else what to fix. */
export function intProblem(t: ReturnType<typeof useI18n>['t'], fmtNumber: (n: number) => string, raw: string, min: number, max: number, opts: { decimals?: boolean; required?: boolean } = {}): string | null {
  const v = raw.trim();
  if (!v) return opts.required === false ? null : t('common.required');
  if (!/^-?\d+(\.\d+)?$/.test(v)) return t('settings.err.number');
  const n = Number(v);
  if (!opts.decimals && !Number.isInteger(n)) return t('settings.err.whole');
  if (n < 0 && min >= 0) return t('settings.err.negative');
  if (n < min) return t('settings.err.min', { min: fmtNumber(min) });
  if (n > max) return t('settings.err.max', { max: fmtNumber(max) });
  return null;
}
