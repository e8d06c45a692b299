import { useState, type FormEvent } from 'react';
import { useI18n, useSession } from '../../context.tsx';
import { latinizeInput } from '../../digits.ts';
import { Field, TextArea } from '../../ui/Field.tsx';
import { TableHead } from '../../ui/TableHead.tsx';
import { RISK_DEFAULTS, SIGNAL_WEIGHTS, type SignalCode } from './risk-defaults.ts';
import { intProblem, patchSettings, ReadOnlyNote, SaveNotice, useSave, WithStore, type StoreView } from './shared.tsx';

const CODES = Object.keys(SIGNAL_WEIGHTS) as SignalCode[];

interface Values {
  hold_at: string;
  prepayment_at: string;
  deposit_percent: string;
  window_hours: string;
  max_orders: string;
  link_cap: string;
  unusual_factor: string;
  area_min_orders: string;
  area_rate: string;
  block_ar: string;
  block_en: string;
  weights: Record<SignalCode, string>;
}

function valuesOf(store: StoreView): Values {
  const r = store.settings.risk ?? {};
  const d = RISK_DEFAULTS;
  const s = (v: unknown, fallback: number) => String(v ?? fallback);
  return {
    hold_at: s(r.hold_at, d.hold_at),
    prepayment_at: s(r.prepayment_at, d.prepayment_at),
    deposit_percent: s(r.deposit_percent, d.deposit_percent),
    window_hours: s(r.velocity?.window_hours, d.velocity.window_hours),
    max_orders: s(r.velocity?.max_orders, d.velocity.max_orders),
    link_cap: s(r.link_cap, d.link_cap),
    unusual_factor: s(r.unusual_factor, d.unusual_factor),
    area_min_orders: s(r.area?.min_orders, d.area.min_orders),
    area_rate: String(Math.round((r.area?.refusal_rate ?? d.area.refusal_rate) * 1000) / 10),
    block_ar: r.block_message?.ar ?? '',
    block_en: r.block_message?.en ?? '',
    weights: Object.fromEntries(CODES.map((c) => [c, s(r.weights?.[c], SIGNAL_WEIGHTS[c])])) as Record<SignalCode, string>,
  };
}

type NumberField = Exclude<keyof Values, 'weights' | 'block_ar' | 'block_en'>;
// Field → [server path, min, max, decimals]: the limits of src/modules/stores/settings.ts.
const NUMBERS: Record<NumberField, [string, number, number, boolean]> = {
  hold_at: ['risk.hold_at', 1, 100, false],
  prepayment_at: ['risk.prepayment_at', 1, 100, false],
  deposit_percent: ['risk.deposit_percent', 1, 100, false],
  window_hours: ['risk.velocity.window_hours', 1, 720, false],
  max_orders: ['risk.velocity.max_orders', 1, 1000, false],
  link_cap: ['risk.link_cap', 0, 50, false],
  unusual_factor: ['risk.unusual_factor', 1, 100, true],
  area_min_orders: ['risk.area.min_orders', 1, 100_000, false],
  area_rate: ['risk.area.refusal_rate', 1, 100, true],
};

/** Customer analysis: when to hold or ask for prepayment, the signals' weights, bursts, links, the block message. */
export const RiskSection = () => <WithStore form={RiskForm} />;

function RiskForm({ store }: { store: StoreView }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const { can } = useSession();
  const readOnly = !can('settings.manage');
  const [saved, setSaved] = useState(() => valuesOf(store));
  const [v, setV] = useState(saved);
  const save = useSave();
  const num = (n: number) => fmt.number(n);

  const problems: Record<string, string | null> = {};
  for (const [f, [path, min, max, decimals]] of Object.entries(NUMBERS) as [NumberField, (typeof NUMBERS)[NumberField]][]) {
    problems[path] = intProblem(t, num, v[f], min, max, { decimals });
  }
  for (const c of CODES) problems[`risk.weights.${c}`] = intProblem(t, num, v.weights[c], -100, 100, { decimals: true });
  problems['risk.block_message.ar'] = v.block_ar.trim().length > 300 ? t('common.tooLong', { max: num(300) }) : null;
  problems['risk.block_message.en'] = v.block_en.trim().length > 300 ? t('common.tooLong', { max: num(300) }) : null;
  const shown = (path: string) => problems[path] ?? save.fields[path] ?? null;

  const set = (f: NumberField, el: HTMLInputElement) => {
    const value = latinizeInput(el);
    setV((o) => ({ ...o, [f]: value }));
    save.forget(NUMBERS[f][0]);
  };
  const numberField = (f: NumberField, label: string, hint?: string) => (
    <Field name={f} label={label} hint={hint} inputMode="decimal" dir="ltr" value={v[f]} onChange={(e) => set(f, e.currentTarget)} error={shown(NUMBERS[f][0])} />
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (Object.values(problems).some(Boolean)) return;
    const risk: Record<string, any> = {};
    const changed = (f: keyof Values) => v[f] !== saved[f];
    for (const f of ['hold_at', 'prepayment_at', 'deposit_percent', 'link_cap', 'unusual_factor'] as const) if (changed(f)) risk[f] = Number(v[f]);
    if (changed('window_hours') || changed('max_orders')) risk.velocity = { window_hours: Number(v.window_hours), max_orders: Number(v.max_orders) };
    if (changed('area_min_orders') || changed('area_rate')) risk.area = { min_orders: Number(v.area_min_orders), refusal_rate: Number(v.area_rate) / 100 };
    const weights = Object.fromEntries(CODES.filter((c) => v.weights[c] !== saved.weights[c]).map((c) => [c, Number(v.weights[c])]));
    if (Object.keys(weights).length) risk.weights = weights;
    const block = { ar: v.block_ar.trim(), en: v.block_en.trim() };
    const blockChanged = block.ar !== saved.block_ar || block.en !== saved.block_en;
    // Settings merge, and one language of the message cannot be removed on its own: a message
    // that loses a language is removed whole, then written again with what is left.
    const dropped = (saved.block_ar && !block.ar) || (saved.block_en && !block.en);
    if (blockChanged) risk.block_message = block.ar || block.en ? { ...(block.ar ? { ar: block.ar } : {}), ...(block.en ? { en: block.en } : {}) } : null;
    const next = await save.run(async () => {
      if (dropped && risk.block_message) await patchSettings({ risk: { block_message: null } });
      return patchSettings({ risk });
    });
    if (next) {
      const now = valuesOf(next);
      setSaved(now);
      setV(now);
    }
  };

  const dirty = JSON.stringify(v) !== JSON.stringify(saved);
  const hold = Number(v.hold_at);
  const prepay = Number(v.prepayment_at);
  return (
    <form onSubmit={submit} noValidate data-testid="risk-form">
      <ReadOnlyNote />
      <fieldset className="plain" disabled={readOnly}>
        <section className="card" aria-labelledby="thresholds-h">
          <h2 id="thresholds-h">{t('settings.risk.thresholds')}</h2>
          <p className="muted">{t('settings.risk.thresholdsLead')}</p>
          <div className="field-grid">
            {numberField('hold_at', t('settings.risk.holdAt'), t('settings.risk.holdAtHint'))}
            {numberField('prepayment_at', t('settings.risk.prepaymentAt'), prepay >= hold ? t('settings.risk.prepaymentNever') : t('settings.risk.prepaymentAtHint'))}
            {numberField('deposit_percent', t('settings.risk.deposit'), t('settings.risk.depositHint'))}
          </div>
        </section>

        <section className="card" aria-labelledby="weights-h">
          <h2 id="weights-h">{t('settings.risk.weights')}</h2>
          <p className="muted">{t('settings.risk.weightsLead')}</p>
          <div className="table-wrap">
            <table className="table weights-table">
              <TableHead cols={[t('settings.risk.signal'), { label: t('settings.risk.default'), num: true }, t('settings.risk.weight')]} />
              <tbody>
                {CODES.map((c) => {
                  const path = `risk.weights.${c}`;
                  return (
                    <tr key={c} data-signal={c}>
                      <td>
                        <label htmlFor={`w-${c}`}>{t.code('settings.signal', c)}</label>
                      </td>
                      <td className="num muted">{fmt.number(SIGNAL_WEIGHTS[c])}</td>
                      <td>
                        <input id={`w-${c}`} className="weight-input" inputMode="decimal" dir="ltr" value={v.weights[c]} aria-invalid={shown(path) ? true : undefined}
                          aria-describedby={shown(path) ? `w-${c}-error` : undefined}
                          onChange={(e) => {
                            const value = latinizeInput(e.currentTarget);
                            setV((o) => ({ ...o, weights: { ...o.weights, [c]: value } }));
                            save.forget(path);
                          }} />
                        {shown(path) && (
                          <p className="field-error" id={`w-${c}-error`}>
                            {shown(path)}
                          </p>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>

        <section className="card" aria-labelledby="patterns-h">
          <h2 id="patterns-h">{t('settings.risk.patterns')}</h2>
          <div className="field-grid">
            {numberField('max_orders', t('settings.risk.maxOrders'), t('settings.risk.maxOrdersHint'))}
            {numberField('window_hours', t('settings.risk.windowHours'))}
            {numberField('link_cap', t('settings.risk.linkCap'), t('settings.risk.linkCapHint'))}
            {numberField('unusual_factor', t('settings.risk.unusual'), t('settings.risk.unusualHint'))}
            {numberField('area_rate', t('settings.risk.areaRate'), t('settings.risk.areaRateHint'))}
            {numberField('area_min_orders', t('settings.risk.areaMin'), t('settings.risk.areaMinHint'))}
          </div>
        </section>

        <section className="card" aria-labelledby="block-h">
          <h2 id="block-h">{t('settings.risk.block')}</h2>
          <p className="muted">{t('settings.risk.blockLead')}</p>
          <div className="tpl-grid">
            <TextArea name="block_ar" lang="ar" dir="rtl" rows={3} label={t('settings.templates.arabic')} optional value={v.block_ar}
              onChange={(e) => { const value = e.currentTarget.value; setV((o) => ({ ...o, block_ar: value })); save.forget('risk.block_message.ar'); }}
              error={shown('risk.block_message.ar')} />
            <TextArea name="block_en" lang="en" dir="ltr" rows={3} label={t('settings.templates.english')} optional value={v.block_en}
              onChange={(e) => { const value = e.currentTarget.value; setV((o) => ({ ...o, block_en: value })); save.forget('risk.block_message.en'); }}
              error={shown('risk.block_message.en')} />
          </div>
        </section>

        <div className="save-bar">
          <SaveNotice state={save} />
          {!readOnly && (
            <button type="submit" className="btn btn-primary" disabled={save.busy || !dirty} aria-busy={save.busy} data-testid="save">
              {t('common.save')}
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}
