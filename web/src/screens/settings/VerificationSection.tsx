import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useI18n, useSession } from '../../context.tsx';
import { latinizeInput } from '../../digits.ts';
import { Field } from '../../ui/Field.tsx';
import { Icon } from '../../ui/icons.tsx';
import { DurationField, durationProblem, durationSeconds, durationWords, toDuration, type Duration } from './DurationField.tsx';
import { intProblem, patchSettings, ReadOnlyNote, SaveNotice, SelectField, useSave, WithStore, type StoreView } from './shared.tsx';

const CHANNELS = ['sms', 'whatsapp', 'email', 'call'] as const;
type Channel = (typeof CHANNELS)[number];
const DAY = 86_400;
// The server's limits (src/modules/stores/settings.ts).
const LIMITS = { steps: 10, after: 30 * DAY, retry: 7 * DAY, ttl: 90 * DAY, attempts: 20, autoConfirm: 100, slots: 12, daysAhead: 30 };

interface Step {
  uid: number;
  channel: Channel;
  after: Duration;
}
interface Slot {
  uid: number;
  from: string;
  to: string;
}
interface Values {
  steps: Step[];
  call_attempts: string;
  call_retry: Duration;
  link_ttl: Duration;
  auto_confirm_after: string;
  slots: Slot[];
  days_ahead: string;
  closed: number[];
}

let uids = 0;
const uid = () => ++uids;

function valuesOf(store: StoreView): Values {
  const v = store.settings.verification ?? {};
  const d = store.settings.delivery ?? {};
  return {
    steps: (v.steps ?? []).map((s: { channel: Channel; after_seconds: number }) => ({ uid: uid(), channel: s.channel, after: toDuration(s.after_seconds) })),
    call_attempts: String(v.call_attempts ?? 3),
    call_retry: toDuration(v.call_retry_seconds ?? 7200),
    link_ttl: toDuration(v.link_ttl_seconds ?? 7 * DAY),
    auto_confirm_after: String(v.auto_confirm_after ?? 2),
    slots: (d.slots ?? []).map((s: { from: string; to: string }) => ({ uid: uid(), ...s })),
    days_ahead: String(d.days_ahead ?? 5),
    closed: [...(d.closed_weekdays ?? [])],
  };
}

/** The confirmation steps (the cascade), calls, links, auto-confirmation and delivery windows. */
export const VerificationSection = () => <WithStore form={VerificationForm} />;

function VerificationForm({ store }: { store: StoreView }) {
  const i18n = useI18n();
  const { t, fmt, lang } = i18n;
  const { can } = useSession();
  const readOnly = !can('settings.manage');
  const [v, setV] = useState<Values>(() => valuesOf(store));
  const [tried, setTried] = useState(false);
  const save = useSave();
  const list = useRef<HTMLOListElement>(null);
  const num = (n: number) => fmt.number(n);

  const weekdays = useMemo(() => {
    const f = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
    return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2023, 0, 1 + i)))); // 1 Jan 2023 was a Sunday
  }, [lang]);

  // Every problem, by the server's path for it, so the server's own answer lands in the same place.
  const problems: Record<string, string | null> = {};
  v.steps.forEach((s, i) => (problems[`verification.steps[${i}].after_seconds`] = durationProblem(i18n, s.after, 0, LIMITS.after)));
  problems['verification.call_attempts'] = intProblem(t, num, v.call_attempts, 1, LIMITS.attempts);
  problems['verification.call_retry_seconds'] = durationProblem(i18n, v.call_retry, 60, LIMITS.retry);
  problems['verification.link_ttl_seconds'] = durationProblem(i18n, v.link_ttl, 3600, LIMITS.ttl);
  problems['verification.auto_confirm_after'] = intProblem(t, num, v.auto_confirm_after, 0, LIMITS.autoConfirm);
  problems['delivery.days_ahead'] = intProblem(t, num, v.days_ahead, 1, LIMITS.daysAhead);
  problems['delivery.closed_weekdays'] = v.closed.length > 6 ? t('settings.verification.allClosed') : null;
  v.slots.forEach((s, i) => {
    problems[`delivery.slots[${i}].from`] = !s.from ? (tried ? t('common.required') : null) : null;
    problems[`delivery.slots[${i}].to`] = !s.to ? (tried ? t('common.required') : null) : s.from && s.to <= s.from ? t('settings.verification.slotOrder') : null;
  });
  const shown = (path: string) => problems[path] ?? save.fields[path] ?? null;

  const change = (next: Partial<Values>, path?: string) => {
    setV((o) => ({ ...o, ...next }));
    save.forget(path);
  };
  const setStep = (i: number, step: Partial<Step>) => change({ steps: v.steps.map((s, j) => (j === i ? { ...s, ...step } : s)) }, `verification.steps[${i}].after_seconds`);
  const move = (i: number, by: -1 | 1) => {
    const steps = [...v.steps];
    [steps[i], steps[i + by]] = [steps[i + by], steps[i]];
    change({ steps });
    // Keep the focus on the moved step's button, so pressing again moves it further.
    requestAnimationFrame(() => list.current?.querySelectorAll<HTMLButtonElement>(`[data-move="${by}"]`)[i + by]?.focus());
  };
  const addStep = () => {
    const unused = CHANNELS.find((c) => !v.steps.some((s) => s.channel === c)) ?? 'call';
    change({ steps: [...v.steps, { uid: uid(), channel: unused, after: { amount: '4', unit: 'hours' } }] });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.values(problems).some(Boolean) || v.slots.some((s) => !s.from || !s.to)) return;
    const saved = await save.run(() =>
      patchSettings({
        verification: {
          steps: v.steps.map((s) => ({ channel: s.channel, after_seconds: durationSeconds(s.after)! })),
          call_attempts: Number(v.call_attempts),
          call_retry_seconds: durationSeconds(v.call_retry)!,
          link_ttl_seconds: durationSeconds(v.link_ttl)!,
          auto_confirm_after: Number(v.auto_confirm_after),
        },
        delivery: {
          slots: [...v.slots].sort((a, b) => a.from.localeCompare(b.from)).map(({ from, to }) => ({ from, to })),
          days_ahead: Number(v.days_ahead),
          closed_weekdays: [...v.closed].sort(),
        },
      }),
    );
    if (saved) setV(valuesOf(saved));
  };

  const when = (i: number, s: Step) => {
    const secs = durationSeconds(s.after);
    if (secs === null || secs < 0) return undefined;
    if (i === 0) return secs === 0 ? t('settings.verification.firstNow') : t('settings.verification.firstAfter', { after: durationWords(i18n, secs) });
    return secs === 0 ? t('settings.verification.nextNow') : t('settings.verification.nextAfter', { after: durationWords(i18n, secs) });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="verification-form">
      <ReadOnlyNote />
      <fieldset className="plain" disabled={readOnly}>
        <section className="card" aria-labelledby="steps-h">
          <h2 id="steps-h">{t('settings.verification.steps')}</h2>
          <p className="muted">{t('settings.verification.stepsLead')}</p>
          <ol className="steps" ref={list} data-testid="steps">
            {v.steps.map((s, i) => (
              <li key={s.uid} className="step" data-step={i}>
                <span className="step-n" aria-hidden="true">
                  {fmt.number(i + 1)}
                </span>
                <div className="step-fields">
                  <SelectField name={`steps.${i}.channel`} label={t('settings.verification.channel', { n: fmt.number(i + 1) })} value={s.channel} onChange={(e) => setStep(i, { channel: e.currentTarget.value as Channel })}>
                    {CHANNELS.map((c) => (
                      <option key={c} value={c}>
                        {t(`channel.${c}`)}
                      </option>
                    ))}
                  </SelectField>
                  <DurationField
                    name={`steps.${i}.after`}
                    label={i === 0 ? t('settings.verification.afterFirst') : t('settings.verification.afterPrevious')}
                    value={s.after}
                    onChange={(after) => setStep(i, { after })}
                    hint={when(i, s)}
                    error={shown(`verification.steps[${i}].after_seconds`)}
                  />
                </div>
                {!readOnly && (
                  <div className="step-tools">
                    <button type="button" className="icon-btn" data-move="-1" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('settings.verification.moveUp', { n: fmt.number(i + 1) })} title={t('settings.verification.moveUp', { n: fmt.number(i + 1) })}>
                      <Icon name="back" className="rot-up" />
                    </button>
                    <button type="button" className="icon-btn" data-move="1" disabled={i === v.steps.length - 1} onClick={() => move(i, 1)} aria-label={t('settings.verification.moveDown', { n: fmt.number(i + 1) })} title={t('settings.verification.moveDown', { n: fmt.number(i + 1) })}>
                      <Icon name="back" className="rot-down" />
                    </button>
                    <button type="button" className="icon-btn danger" disabled={v.steps.length === 1} onClick={() => change({ steps: v.steps.filter((_, j) => j !== i) })} aria-label={t('settings.verification.remove', { n: fmt.number(i + 1) })} title={t('settings.verification.remove', { n: fmt.number(i + 1) })}>
                      <Icon name="x" />
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ol>
          {!readOnly && v.steps.length < LIMITS.steps && (
            <button type="button" className="btn btn-outline btn-small" onClick={addStep} data-testid="add-step">
              {t('settings.verification.add')}
            </button>
          )}
        </section>

        <section className="card" aria-labelledby="calls-h">
          <h2 id="calls-h">{t('settings.verification.more')}</h2>
          <div className="field-grid">
            <Field name="call_attempts" label={t('settings.verification.callAttempts')} hint={t('settings.verification.callAttemptsHint')} inputMode="numeric" dir="ltr" value={v.call_attempts}
              onChange={(e) => change({ call_attempts: latinizeInput(e.currentTarget) }, 'verification.call_attempts')} error={shown('verification.call_attempts')} />
            <DurationField name="call_retry" label={t('settings.verification.callRetry')} hint={t('settings.verification.callRetryHint')} value={v.call_retry}
              onChange={(call_retry) => change({ call_retry }, 'verification.call_retry_seconds')} error={shown('verification.call_retry_seconds')} />
            <DurationField name="link_ttl" label={t('settings.verification.linkTtl')} hint={t('settings.verification.linkTtlHint')} value={v.link_ttl}
              onChange={(link_ttl) => change({ link_ttl }, 'verification.link_ttl_seconds')} error={shown('verification.link_ttl_seconds')} />
            <Field name="auto_confirm_after" label={t('settings.verification.autoConfirm')} hint={t('settings.verification.autoConfirmHint')} inputMode="numeric" dir="ltr" value={v.auto_confirm_after}
              onChange={(e) => change({ auto_confirm_after: latinizeInput(e.currentTarget) }, 'verification.auto_confirm_after')} error={shown('verification.auto_confirm_after')} />
          </div>
        </section>

        <section className="card" aria-labelledby="delivery-h">
          <h2 id="delivery-h">{t('settings.verification.delivery')}</h2>
          <p className="muted">{t('settings.verification.deliveryLead')}</p>
          <ul className="slots">
            {v.slots.map((s, i) => (
              <li key={s.uid} className="slot">
                <Field type="time" dir="ltr" name={`slots.${i}.from`} label={t('settings.verification.from')} value={s.from}
                  onChange={(e) => change({ slots: v.slots.map((x) => (x.uid === s.uid ? { ...x, from: e.currentTarget.value } : x)) }, `delivery.slots[${i}].from`)} error={shown(`delivery.slots[${i}].from`) ?? shown(`delivery.slots[${i}]`)} />
                <Field type="time" dir="ltr" name={`slots.${i}.to`} label={t('settings.verification.to')} value={s.to}
                  onChange={(e) => change({ slots: v.slots.map((x) => (x.uid === s.uid ? { ...x, to: e.currentTarget.value } : x)) }, `delivery.slots[${i}].to`)} error={shown(`delivery.slots[${i}].to`)} />
                {!readOnly && (
                  <button type="button" className="icon-btn danger" onClick={() => change({ slots: v.slots.filter((x) => x.uid !== s.uid) })} aria-label={t('settings.verification.removeSlot')} title={t('settings.verification.removeSlot')}>
                    <Icon name="x" />
                  </button>
                )}
              </li>
            ))}
          </ul>
          {!readOnly && v.slots.length < LIMITS.slots && (
            <button type="button" className="btn btn-outline btn-small" onClick={() => change({ slots: [...v.slots, { uid: uid(), from: '', to: '' }] })}>
              {t('settings.verification.addSlot')}
            </button>
          )}
          <div className="field-grid spaced">
            <Field name="days_ahead" label={t('settings.verification.daysAhead')} inputMode="numeric" dir="ltr" value={v.days_ahead}
              onChange={(e) => change({ days_ahead: latinizeInput(e.currentTarget) }, 'delivery.days_ahead')} error={shown('delivery.days_ahead')} />
          </div>
          <fieldset className="plain weekdays">
            <legend className="legend">{t('settings.verification.closed')}</legend>
            {weekdays.map((name, day) => (
              <label key={day} className="check">
                <input type="checkbox" checked={v.closed.includes(day)} onChange={(e) => change({ closed: e.currentTarget.checked ? [...v.closed, day] : v.closed.filter((d) => d !== day) }, 'delivery.closed_weekdays')} />
                {name}
              </label>
            ))}
            {shown('delivery.closed_weekdays') && <p className="field-error">{shown('delivery.closed_weekdays')}</p>}
          </fieldset>
        </section>

        <div className="save-bar">
          <SaveNotice state={save} />
          {!readOnly && (
            <button type="submit" className="btn btn-primary" disabled={save.busy} aria-busy={save.busy} data-testid="save">
              {t('common.save')}
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}
