import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../context.tsx';
import { Icon } from './icons.tsx';

/**
 * A modal on the native <dialog>: focus is kept inside, Escape closes it (unless `locked`),
 * and the page behind it stays as it is. The control marked `data-autofocus` gets the focus.
 */
export function Dialog({ title, onClose, children, locked, labelId }: { title: string; onClose?: () => void; children: ReactNode; locked?: boolean; labelId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { t } = useI18n();
  const id = labelId ?? 'dialog-title';
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    // showModal() focuses the first control (the close button); the field to fill comes first.
    d.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => d.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={id}
      onCancel={(e) => {
        e.preventDefault();
        if (!locked) onClose?.();
      }}
    >
      <div className="dialog-head">
        <h2 id={id}>{title}</h2>
        {!locked && (
          <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common.close')}>
            <Icon name="close" />
          </button>
        )}
      </div>
      {children}
    </dialog>
  );
}
