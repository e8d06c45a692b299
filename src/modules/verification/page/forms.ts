import { formatDay, formatTime } from './format.ts';
import { attrs, escapeHtml, fillHtml } from './html.ts';
import { ICONS } from './icons.ts';
import type { PageText } from './text.ts';
import { ADDRESS_FIELDS, type AddressField, type Lang, type PageModel, type PageWindow } from './types.ts';

/** What every form on one page shares; `placed` records which error messages found their field. */
export interface FormCtx {
  lang: Lang;
  t: PageText;
  base: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  placed: Set<string>;
  focused: boolean;
}

export function formCtx(m: PageModel, t: PageText): FormCtx {
  return {
    lang: m.lang,
    t,
    base: `/c/${encodeURIComponent(m.token)}`,
    errors: m.fieldErrors ?? {},
    values: m.values ?? {},
    placed: new Set(),
    focused: false,
  };
}

// The language rides along so the page that answers the POST is in the language the buyer read.
function formOpen(c: FormCtx, action: string, cls = ''): string {
  return `<form method="post"${attrs({ action: `${c.base}/${action}`, class: cls || undefined })}>` +
    `<input type="hidden" name="lang" value="${c.lang}">`;
}

function errorFor(c: FormCtx, name: string): string | undefined {
  const e = c.errors[name];
  if (e === undefined || e === '') return undefined;
  c.placed.add(name);
  return e;
}

// autofocus on the first field in error scrolls the buyer to it after the POST, without script.
function takeFocus(c: FormCtx): boolean {
  if (c.focused) return false;
  c.focused = true;
  return true;
}

interface FieldSpec {
  name: string;
  label: string;
  value: string;
  optional?: boolean;
  hint?: string;
  textarea?: boolean;
  type?: 'text' | 'tel';
  inputmode?: string;
  autocomplete?: string;
  dir?: string;
  maxlength: number;
  required?: boolean;
}

function field(c: FormCtx, f: FieldSpec): string {
  const id = `f-${f.name}`;
  const error = errorFor(c, f.name);
  const described = [f.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name: f.name,
    maxlength: f.maxlength,
    autocomplete: f.autocomplete,
    dir: f.dir,
    required: f.required,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': described || undefined,
    autofocus: error ? takeFocus(c) : undefined,
  };
  const control = f.textarea
    ? `<textarea${attrs({ ...common, rows: 3 })}>${escapeHtml(f.value)}</textarea>`
    : `<input${attrs({ type: f.type ?? 'text', ...common, inputmode: f.inputmode, value: f.value })}>`;
  const opt = f.optional ? ` <span class="opt">${escapeHtml(c.t.optional)}</span>` : '';
  return `<div class="field"><label for="${id}">${escapeHtml(f.label)}${opt}</label>${control}` +
    (f.hint ? `<p class="hint" id="${id}-hint">${escapeHtml(f.hint)}</p>` : '') +
    (error ? `<p class="field-error" id="${id}-error">${escapeHtml(error)}</p>` : '') +
    '</div>';
}

const ADDRESS_SPEC: Record<AddressField, { autocomplete: string; maxlength: number; required?: boolean; inputmode?: string }> = {
  line1: { autocomplete: 'address-line1', maxlength: 200, required: true },
  line2: { autocomplete: 'address-line2', maxlength: 200 },
  district: { autocomplete: 'address-level3', maxlength: 100 },
  city: { autocomplete: 'address-level2', maxlength: 100, required: true },
  region: { autocomplete: 'address-level1', maxlength: 100 },
  postal_code: { autocomplete: 'postal-code', maxlength: 20, inputmode: 'numeric' },
};

/** "Correct the address", folded away unless it holds an error to fix. */
export function addressForm(c: FormCtx, m: PageModel): string {
  const open = ADDRESS_FIELDS.some((f) => c.errors[f]);
  const fields = ADDRESS_FIELDS.map((name) => {
    const spec = ADDRESS_SPEC[name];
    return field(c, {
      name,
      label: c.t.fields[name],
      value: c.values[name] ?? m.order.address[name] ?? '',
      optional: !spec.required,
      ...spec,
    });
  }).join('\n');
  return `<details${attrs({ open })}><summary>${escapeHtml(c.t.addressEdit)}</summary>
${formOpen(c, 'address')}
<p class="hint">${escapeHtml(c.t.addressEditHint)}</p>
${fields}
<button type="submit" class="btn btn-outline">${escapeHtml(c.t.addressSave)}</button>
</form></details>`;
}

/** Cancelling is always possible but never the obvious button: folded, and styled as secondary. */
export function cancelForm(c: FormCtx): string {
  const error = c.errors.reason;
  return `<section class="card"><details class="danger"${attrs({ open: Boolean(error) })}><summary>${escapeHtml(c.t.cancelSummary)}</summary>
${formOpen(c, 'cancel')}
<p class="muted">${escapeHtml(c.t.cancelText)}</p>
${field(c, { name: 'reason', label: c.t.cancelReason, value: c.values.reason ?? '', optional: true, textarea: true, maxlength: 500 })}
<button type="submit" class="btn btn-danger">${escapeHtml(c.t.cancelButton)}</button>
</form></details></section>`;
}

export function phoneForm(c: FormCtx): string {
  return `${formOpen(c, 'phone', 'card')}
<h2>${escapeHtml(c.t.phoneTitle)}</h2>
${field(c, {
  name: 'phone',
  label: c.t.phoneLabel,
  value: c.values.phone ?? '',
  hint: c.t.phoneHint,
  type: 'tel',
  inputmode: 'tel',
  autocomplete: 'tel',
  dir: 'ltr',
  maxlength: 30,
  required: true,
})}
<button type="submit" class="btn btn-primary btn-big">${ICONS.phone}${escapeHtml(c.t.phoneSave)}</button>
</form>`;
}

export function windowKey(w: { date: string; from: string; to: string }): string {
  return `${w.date}|${w.from}|${w.to}`;
}

/** Radios grouped by day, each day a fieldset whose legend is the weekday and date. */
function windowChoices(c: FormCtx, windows: PageWindow[], current: string | undefined, withAny: boolean): string {
  const error = errorFor(c, 'window');
  const aria = error ? { 'aria-invalid': 'true', 'aria-describedby': 'f-window-error' } : {};
  let focus = error ? takeFocus(c) : false;
  const radio = (id: string, value: string, label: string) => {
    const a = attrs({ type: 'radio', name: 'window', id, value, checked: current === value, ...aria, autofocus: focus });
    focus = false;
    return `<label class="choice" for="${id}"><input${a}><span>${label}</span></label>`;
  };

  const days = new Map<string, PageWindow[]>();
  for (const w of windows) days.set(w.date, [...(days.get(w.date) ?? []), w]);
  let i = 0;
  const groups = [...days].map(([date, ws]) => {
    const choices = ws
      .map((w) => radio(`f-window-${i++}`, w.value, fillHtml(c.t.windowRange, {
        from: escapeHtml(formatTime(w.from, c.lang)),
        to: escapeHtml(formatTime(w.to, c.lang)),
      })))
      .join('\n');
    // A day's windows side by side: five days of three windows fit on a phone without a long scroll.
    return `<fieldset><legend>${escapeHtml(formatDay(date, c.lang))}</legend>\n<div class="slots">${choices}</div>\n</fieldset>`;
  });
  // When confirming, an explicit "no preference" makes choosing nothing a choice, not an oversight.
  // Changing the window later needs a real window, so the option is left out there.
  if (withAny) groups.push(radio('f-window-any', '', escapeHtml(c.t.windowAny)));

  return `<p class="hint" id="f-window-hint">${escapeHtml(c.t.windowHint)}</p>` +
    (error ? `<p class="field-error" id="f-window-error">${escapeHtml(error)}</p>` : '') +
    `\n${groups.join('\n')}`;
}

function currentWindow(c: FormCtx, m: PageModel): string | undefined {
  if (c.values.window !== undefined) return c.values.window;
  return m.order.window ? windowKey(m.order.window) : undefined;
}

/** The main action: pick a window (when there are any) and confirm. */
export function confirmForm(c: FormCtx, m: PageModel): string {
  const windows = m.windows.length
    ? `<h2 id="window-title">${escapeHtml(c.t.windowTitle)}</h2>\n${windowChoices(c, m.windows, currentWindow(c, m), true)}\n`
    : '';
  return `${formOpen(c, 'confirm', 'card')}
${windows}<button type="submit" class="btn btn-primary btn-big">${ICONS.check}${escapeHtml(c.t.confirmButton)}</button>
</form>`;
}

/** After confirming, the buyer may still choose or change the window. */
export function windowForm(c: FormCtx, m: PageModel): string {
  if (!m.windows.length) return '';
  const chosen = m.order.window !== null;
  const body = `${formOpen(c, 'window')}
${windowChoices(c, m.windows, currentWindow(c, m), false)}
<button type="submit" class="btn btn-primary">${escapeHtml(c.t.windowSave)}</button>
</form>`;
  if (!chosen) return `<section class="card"><h2>${escapeHtml(c.t.windowChoose)}</h2>\n${body}</section>`;
  return `<section class="card"><details${attrs({ open: Boolean(c.errors.window) })}><summary>${escapeHtml(c.t.windowChange)}</summary>\n${body}</details></section>`;
}
