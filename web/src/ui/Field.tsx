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

/**
 * What every field shares (an input, a textarea, a select, an amount with its unit): the label,
 * the hint and the error. The control inside takes `id` and `describedBy(id, hint, error)`.
 */
export function FieldFrame({ id, label, error, hint, optional, className, children }: Omit<Common, 'addon'> & { id: string; className?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label htmlFor={id}>
        {label}
        {optional && <> <span className="opt">{t('common.optional')}</span></>}
      </label>
      {children}
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

export const describedBy = (id: string, hint?: string, error?: string | null) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A labelled field with its hint and its error in place. */
export function Field({ label, error, hint, optional, addon, className, ref, ...input }: Common & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} optional={optional} className={className}>
      <div className={addon ? 'input-wrap' : undefined}>
        <input ref={ref} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
        {addon}
      </div>
    </FieldFrame>
  );
}

/** A field for numbers and phones: any digits typed (١٢٣, ۱۲۳, 123) become ASCII as you type. */
export function DigitsField({ onValue, ...props }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & { onValue(v: string): void; ref?: Ref<HTMLInputElement> }) {
  return <Field inputMode="tel" dir="ltr" {...props} onChange={(e) => onValue(latinizeInput(e.currentTarget))} />;
}

export function TextArea({ label, error, hint, optional, ref, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} optional={optional}>
      <textarea ref={ref} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} dir="auto" {...input} />
    </FieldFrame>
  );
}
