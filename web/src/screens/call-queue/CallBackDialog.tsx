import { useId, useState, type FormEvent } from 'react';
import { useI18n, useSession } from '../../context.tsx';
import { latinizeInput } from '../../digits.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { Field } from '../../ui/Field.tsx';
import { addDays, instantOf, pad2, parseTime, wallTimeOf } from './store-time.ts';

const DAYS = 7;

/**
 * When to call again, on the store's clock: a quick choice (in an hour, this evening, tomorrow
 * morning) or a day and a time typed in any digits ("١٨:٣٠", "6:30 م"). What will happen is
 * said in words before it is saved; a time already past is refused as it is typed.
 */
export function CallBackDialog({ busy, serverError, onClose, onSubmit }: { busy: boolean; serverError: string | null; onClose(): void; onSubmit(at: Date): void }) {
  const { t, fmt } = useI18n();
  const zone = useSession().me.store.timezone;
  const now = new Date();
  const today = wallTimeOf(now, zone);
  const [day, setDay] = useState(today.hour >= 21 ? addDays(today.day, 1) : today.day);
  const [time, setTime] = useState('');
  const [tried, setTried] = useState(false);
  const dayId = useId();

  const parsed = parseTime(time);
  const at = parsed ? instantOf({ day, ...parsed }, zone) : null;
  const problem = !time.trim()
    ? tried
      ? t('common.required')
      : null
    : !parsed
      ? t('callQueue.callBack.timeInvalid', { example: fmt.digits('18:30') })
      : at && at.getTime() <= Date.now() + 30_000
        ? t('callQueue.callBack.past')
        : null;

  const set = (when: Date) => {
    const w = wallTimeOf(when, zone);
    setDay(w.day);
    setTime(`${pad2(w.hour)}:${pad2(w.minute)}`);
  };
  // "In an hour" from the next quarter, so the time reads like one a person would give.
  const inHours = (h: number) => {
    const quarter = 15 * 60_000;
    return new Date(Math.ceil((now.getTime() + h * 3_600_000) / quarter) * quarter);
  };
  const presets: { key: string; label: string; at: Date }[] = [
    { key: 'h1', label: t.plural('callQueue.callBack.inHours', 1), at: inHours(1) },
    { key: 'h3', label: t.plural('callQueue.callBack.inHours', 3), at: inHours(3) },
    ...(today.hour < 18
      ? [{ key: 'evening', label: t('callQueue.callBack.evening', { time: fmt.time(instantOf({ day: today.day, hour: 19, minute: 0 }, zone)) }), at: instantOf({ day: today.day, hour: 19, minute: 0 }, zone) }]
      : []),
    {
      key: 'tomorrow',
      label: t('callQueue.callBack.tomorrow', { time: fmt.time(instantOf({ day: addDays(today.day, 1), hour: 10, minute: 0 }, zone)) }),
      at: instantOf({ day: addDays(today.day, 1), hour: 10, minute: 0 }, zone),
    },
  ];

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!at || problem) return;
    onSubmit(at);
  }

  return (
    <Dialog title={t('callQueue.callBack.title')} onClose={onClose} labelId="cq-callback-title">
      <form onSubmit={submit} noValidate data-testid="call-back-form" className="cq-callback">
        <div className="cq-presets" role="group" aria-label={t('callQueue.callBack.quick')}>
          {presets.map((p) => (
            <button key={p.key} type="button" className="chip" data-preset={p.key} onClick={() => set(p.at)}>
              {p.label}
            </button>
          ))}
        </div>
        <div className="cq-when">
          <div className="field">
            <label htmlFor={dayId}>{t('callQueue.callBack.day')}</label>
            <select id={dayId} name="day" value={day} onChange={(e) => setDay(e.currentTarget.value)}>
              {Array.from({ length: DAYS }, (_, i) => addDays(today.day, i)).map((d, i) => (
                <option key={d} value={d}>
                  {i === 0 ? t('callQueue.callBack.today') : i === 1 ? t('callQueue.callBack.tomorrowDay') : fmt.day(d)}
                  {i < 2 ? ` · ${fmt.day(d)}` : ''}
                </option>
              ))}
            </select>
          </div>
          <Field
            label={t('callQueue.callBack.time')}
            name="time"
            dir="ltr"
            inputMode="text"
            autoComplete="off"
            data-autofocus
            value={time}
            placeholder={fmt.digits('18:30')}
            hint={t('callQueue.callBack.timeHint', { example: fmt.digits('18:30') })}
            error={problem}
            onChange={(e) => setTime(latinizeInput(e.currentTarget))}
          />
        </div>
        <p className="cq-summary" aria-live="polite" data-testid="call-back-summary">
          {at && !problem ? t('callQueue.callBack.summary', { when: fmt.dateTime(at) }) : '\u00a0'}
        </p>
        {serverError && (
          <p className="field-error" role="alert">
            {serverError}
          </p>
        )}
        <DialogActions label={busy ? t('callQueue.saving') : t('callQueue.callBack.submit')} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
