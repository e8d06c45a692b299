import { useId } from 'react';
import { useI18n, type I18n } from '../../context.tsx';
import { latinizeInput } from '../../digits.ts';
import { describedBy, FieldFrame } from '../../ui/Field.tsx';

export type Unit = 'minutes' | 'hours' | 'days';
export const UNIT_SECONDS: Record<Unit, number> = { minutes: 60, hours: 3600, days: 86_400 };
const UNITS: Unit[] = ['minutes', 'hours', 'days'];

/** A duration as typed: an amount (any digits) and a unit. The server counts seconds. */
export interface Duration {
  amount: string;
  unit: Unit;
}

/** Seconds → the largest unit that holds them whole (4 h, not 240 min); 0 is "0 minutes". */
export function toDuration(seconds: number): Duration {
  for (const unit of ['days', 'hours'] as const) {
    if (seconds > 0 && seconds % UNIT_SECONDS[unit] === 0) return { amount: String(seconds / UNIT_SECONDS[unit]), unit };
  }
  return { amount: String(Math.round((seconds / 60) * 100) / 100), unit: 'minutes' };
}

/** The seconds a duration stands for, or null when the amount is not a number. */
export function durationSeconds(d: Duration): number | null {
  const v = d.amount.trim();
  if (!/^-?\d+(\.\d+)?$/.test(v)) return null;
  return Math.round(Number(v) * UNIT_SECONDS[d.unit]);
}

/** "4 hours", "1 day", "90 seconds" as "1.5 minutes": in words and the user's digits. */
export function durationWords({ t }: Pick<I18n, 't'>, seconds: number): string {
  const d = toDuration(seconds);
  return t.plural(`settings.unit.${d.unit}`, Number(d.amount));
}

/** What is wrong with a duration, or null: a number, not negative, within [min, max] seconds. */
export function durationProblem(i18n: Pick<I18n, 't'>, d: Duration, min: number, max: number): string | null {
  const { t } = i18n;
  if (!d.amount.trim()) return t('common.required');
  const s = durationSeconds(d);
  if (s === null) return t('settings.err.number');
  if (s < 0) return t('settings.err.negative');
  if (s < min) return t('settings.err.minDuration', { min: durationWords(i18n, min) });
  if (s > max) return t('settings.err.maxDuration', { max: durationWords(i18n, max) });
  return null;
}

/** An amount and a unit picker side by side (4 | hours), with the label, hint and error of a field. */
export function DurationField({ label, value, onChange, error, hint, name }: { label: string; value: Duration; onChange(d: Duration): void; error?: string | null; hint?: string; name?: string }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className="duration-field">
      <div className="duration">
        <input
          id={id}
          name={name}
          inputMode="decimal"
          dir="ltr"
          autoComplete="off"
          value={value.amount}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e) => onChange({ ...value, amount: latinizeInput(e.currentTarget) })}
        />
        <select aria-label={t('settings.unit')} value={value.unit} name={name ? `${name}.unit` : undefined} onChange={(e) => onChange({ ...value, unit: e.currentTarget.value as Unit })}>
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`settings.unitName.${u}`)}
            </option>
          ))}
        </select>
      </div>
    </FieldFrame>
  );
}
