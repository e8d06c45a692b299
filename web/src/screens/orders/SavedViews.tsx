import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api.ts';
import { useI18n } from '../../context.tsx';
import { navigate } from '../../router.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { Field } from '../../ui/Field.tsx';
import { Icon } from '../../ui/icons.tsx';
import { errorText, useLoad } from '../../ui/states.tsx';
import './saved-views.css';

interface SavedView {
  id: string;
  name: string;
  screen: string;
  query: string;
  created_at: string;
}

const MAX_NAME = 80;

/** The same filters whatever order their keys are in. */
const sameFilters = (a: string, b: string) => {
  const norm = (s: string) => [...new URLSearchParams(s)].filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`).sort().join('&');
  return norm(a) === norm(b);
};

/**
 * A person's saved filters of the orders list, as chips above it: a click applies one (the
 * address changes, so Back undoes it), × deletes it, and "Save these filters" names the current
 * ones. Kept on the server per user; an API key has none, so the bar is not shown for one.
 */
export function SavedViews({ current, described }: { current: string; described: [string, string][] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [loaded, reload] = useLoad((signal) => api.get<{ data: SavedView[] }>('/v1/saved-views?screen=orders', { signal }), []);
  const [asking, setAsking] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (loaded.state === 'error' && loaded.error instanceof ApiError && loaded.error.code === 'not_a_user') return null;
  const views = loaded.state === 'ready' ? loaded.data.data : [];

  async function remove(v: SavedView) {
    setProblem(null);
    try {
      await api.del(`/v1/saved-views/${encodeURIComponent(v.id)}`);
      setFlash(t('savedViews.deleted', { name: v.name }));
    } catch (err) {
      setProblem(errorText(err, i18n));
    }
    reload();
  }

  return (
    <div className="saved-views" data-testid="saved-views" aria-label={t('savedViews.label')} role="group">
      <span className="saved-views-label muted small">{t('savedViews.label')}</span>
      {views.length === 0 && loaded.state === 'ready' && <span className="muted small saved-views-none">{t('savedViews.none')}</span>}
      {views.map((v) => {
        const active = sameFilters(v.query, current);
        return (
          <span key={v.id} className={`saved-chip${active ? ' saved-chip-active' : ''}`} data-view={v.id}>
            <button type="button" className="saved-chip-apply" aria-pressed={active} onClick={() => navigate(`/orders${v.query ? `?${v.query}` : ''}`)} dir="auto">
              {v.name}
            </button>
            <button type="button" className="saved-chip-delete" aria-label={t('savedViews.delete', { name: v.name })} onClick={() => remove(v)} data-delete-view={v.id}>
              <Icon name="x" size={14} />
            </button>
          </span>
        );
      })}
      <button type="button" className="btn btn-outline btn-small saved-views-save" disabled={!described.length} onClick={() => setAsking(true)} data-testid="save-view" title={described.length ? undefined : t('savedViews.none')}>
        <Icon name="filter" size={16} />
        {t('savedViews.save')}
      </button>
      {loaded.state === 'error' && <span className="field-error">{errorText(loaded.error, i18n)}</span>}
      {problem && <span className="field-error" role="alert">{problem}</span>}
      {flash && (
        <span className="saved-views-flash" role="status" data-testid="saved-views-flash">
          {flash}
        </span>
      )}
      {asking && (
        <SaveDialog
          query={current}
          described={described}
          onClose={() => setAsking(false)}
          onSaved={(v) => {
            setAsking(false);
            setFlash(t('savedViews.saved', { name: v.name }));
            reload();
          }}
        />
      )}
    </div>
  );
}

function SaveDialog({ query, described, onClose, onSaved }: { query: string; described: [string, string][]; onClose(): void; onSaved(v: SavedView): void }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState<{ name: string | null; message: string | null }>({ name: null, message: null });
  const [busy, setBusy] = useState(false);
  const text = name.trim();
  const problem = !text ? (tried ? t('common.required') : null) : text.length > MAX_NAME ? t('common.tooLong', { max: fmt.number(MAX_NAME) }) : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!text || text.length > MAX_NAME) return;
    setBusy(true);
    setServer({ name: null, message: null });
    try {
      onSaved(await api.post<SavedView>('/v1/saved-views', { name: text, screen: 'orders', query }));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields() : {};
      const code = err instanceof ApiError ? err.code : '';
      if (code === 'saved_view_exists') setServer({ name: t('savedViews.exists'), message: null });
      else if (code === 'too_many_saved_views') setServer({ name: t('savedViews.tooMany'), message: null });
      else if (fields.name) setServer({ name: fields.name, message: null });
      else setServer({ name: null, message: errorText(err, i18n) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('savedViews.saveTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate data-testid="save-view-form">
        <p className="muted">{t('savedViews.lead')}</p>
        {server.message && (
          <div className="notice notice-error" role="alert">
            <Icon name="alert" />
            <p>{server.message}</p>
          </div>
        )}
        <Field
          name="name"
          label={t('savedViews.name')}
          hint={t('savedViews.nameHint')}
          dir="auto"
          value={name}
          maxLength={MAX_NAME + 20}
          autoComplete="off"
          data-autofocus
          onChange={(e) => {
            setName(e.currentTarget.value);
            setServer({ name: null, message: null });
          }}
          error={server.name ?? problem}
        />
        <h3>{t('savedViews.filters')}</h3>
        <dl className="saved-view-filters">
          {described.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd dir="auto">{value}</dd>
            </div>
          ))}
        </dl>
        <DialogActions label={t('common.save')} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
