import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';
import { useI18n } from '../context.tsx';
import { latinizeInput } from '../digits.ts';

interface Common {
  label: string;
  error?: string | null;
  hint?: string;
  optional?: boolean;
  /** Beside the input, inside the same box (a show-password button). */
  addon?: ReactNode;
}

/** A labelled field with its hint and its error in place, tied to the input for screen readers. */
export function Field({ label, error, hint, optional, addon, className, ref, ...input }: Common & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const id = useId();
  const { t } = useI18n();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>
        {label} {optional && <span className="opt">{t('common.optional')}</span>}
      </label>
      <div className={addon ? 'input-wrap' : undefined}>
        <input ref={ref} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
        {addon}
      </div>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A field for numbers and phones: any digits typed (١٢٣, ۱۲۳, 123) become ASCII as you type. */
export function DigitsField({ onValue, ...props }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & { onValue(v: string): void; ref?: Ref<HTMLInputElement> }) {
  return <Field inputMode="tel" dir="ltr" {...props} onChange={(e) => onValue(latinizeInput(e.currentTarget))} />;
}

export function TextArea({ label, error, hint, optional, ref, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  const id = useId();
  const { t } = useI18n();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} {optional && <span className="opt">{t('common.optional')}</span>}
      </label>
      <textarea ref={ref} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} dir="auto" {...input} />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
