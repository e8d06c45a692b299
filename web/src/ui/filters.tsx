import { useEffect, useState, type InputHTMLAttributes } from 'react';
import { useI18n } from '../context.tsx';
import { latinizeInput } from '../digits.ts';
import { navigate } from '../router.tsx';
import { Icon } from './icons.tsx';

/**
 * A list's filters live in the address (`/orders?status=pending`): shareable, and Back undoes
 * one. Setting one replaces the entry rather than adding one per keystroke.
 */
export function setQueryParam(path: string, query: URLSearchParams, k: string, v: string) {
  const next = new URLSearchParams(query);
  if (v) next.set(k, v);
  else next.delete(k);
  const s = next.toString();
  navigate(`${path}${s ? `?${s}` : ''}`, { replace: true });
}

/**
 * A typed filter (a search box) over a value in the address: typing commits after a short
 * pause, not on every key; Back/forward changing the address shows in the box, but never
 * undoes what is being typed ("سارة " waiting for its next word is the same search as "سارة").
 */
export function useParamText(value: string, commit: (v: string) => void): [string, (v: string) => void] {
  const [text, setText] = useState(value);
  useEffect(() => {
    if (value !== text.trim()) setText(value);
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => commit(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps
  return [text, setText];
}

/** A filter chosen from codes, each shown in words (`t.code(prefix, v)`), "all" first. */
export function FilterSelect({ name, label, value, values, prefix, onValue }: { name: string; label: string; value: string; values: string[]; prefix: string; onValue: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <label className="filter">
      <span>{label}</span>
      <select value={value} onChange={(e) => onValue(e.currentTarget.value)} data-filter={name}>
        <option value="">{t('common.all')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {t.code(prefix, v)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A list's search box: the label is for screen readers (the icon and the hint say it to the
 * eye); digits typed in any script become ASCII (a phone, an order number).
 */
export function SearchBox({ id, label, onText, ...input }: { id: string; label: string; onText: (v: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'>) {
  return (
    <div className="search-box">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <Icon name="search" className="search-icon" />
      <input id={id} type="search" autoComplete="off" onChange={(e) => onText(latinizeInput(e.currentTarget))} {...input} />
    </div>
  );
}
