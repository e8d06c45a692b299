import { useI18n } from '../context.tsx';

// Beside Dialog.tsx rather than in it: Dialog is in the first load (sign in again), these
// buttons only in the screens' chunks.

/**
 * A dialog form's buttons: submit (red when it cannot be undone), then cancel. While `busy`
 * the submit is disabled so a double click sends once; the label may say what is happening.
 */
export function DialogActions({ label, busy, danger, autoFocus, onCancel }: { label: string; busy: boolean; danger?: boolean; autoFocus?: boolean; onCancel?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="dialog-actions">
      <button type="submit" className={`btn ${danger ? 'btn-danger-solid' : 'btn-primary'}`} disabled={busy} aria-busy={busy} data-autofocus={autoFocus || undefined}>
        {label}
      </button>
      <button type="button" className="btn btn-outline" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
