import { useRef, useState, type FormEvent } from 'react';
import { api, request } from '../../api.ts';
import { useI18n, useSession } from '../../context.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { ErrorState, Loading, useLoad } from '../../ui/states.tsx';
import { ReadOnlyNote, SaveNotice, useSave } from './shared.tsx';
import { bodyProblems, fill, MAX_BODY, smsParts, subjectProblems, type Lang, type Problem } from './template-text.ts';
import { words } from './words.ts';

interface Text {
  subject?: string;
  body: string;
  custom: boolean;
}
interface Template {
  key: string;
  variables: string[];
  ar: Text;
  en: Text;
}
type Draft = Record<Lang, { subject: string; body: string }>;

const LANGS: Lang[] = ['ar', 'en'];
const EXAMPLE_TOKEN = 'Xy7Qk2Lm9Pw4Rt6Vb8Nc3Hd5Jf1Gs0Ae'; // a real link's length, for the SMS count
const draftOf = (t: Template): Draft => ({ ar: { subject: t.ar.subject ?? '', body: t.ar.body }, en: { subject: t.en.subject ?? '', body: t.en.body } });

/** The texts sent to customers, Arabic and English side by side, with a live preview. */
export function TemplatesSection() {
  const [loaded, reload] = useLoad((signal) => api.get<{ data: Template[] }>('/v1/message-templates', { signal }), []);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <ErrorState error={loaded.error} onRetry={reload} />;
  return <TemplatesEditor templates={loaded.data.data} />;
}

function TemplatesEditor({ templates: initial }: { templates: Template[] }) {
  const { t } = useI18n();
  const [templates, setTemplates] = useState(initial);
  const [key, setKey] = useState(initial[0]?.key);
  // Drafts of every template, so moving to another one and back keeps what was typed.
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => Object.fromEntries(initial.map((tpl) => [tpl.key, draftOf(tpl)])));
  const current = templates.find((tpl) => tpl.key === key);
  return (
    <section className="card" aria-labelledby="tpl-h">
      <h2 id="tpl-h">{t('settings.templates.title')}</h2>
      <p className="muted">{t('settings.templates.lead')}</p>
      <ReadOnlyNote permission="templates.manage" />
      <div className="segmented tpl-tabs" role="group" aria-label={t('settings.templates.which')} data-testid="template-tabs">
        {templates.map((tpl) => (
          <button key={tpl.key} type="button" aria-pressed={tpl.key === key} onClick={() => setKey(tpl.key)} data-key={tpl.key}>
            {t.code('settings.templates.key', tpl.key)}
          </button>
        ))}
      </div>
      {current && (
        <TemplateForm
          key={current.key}
          template={current}
          draft={drafts[current.key]}
          onDraft={(d) => setDrafts((all) => ({ ...all, [current.key]: d }))}
          onSaved={(tpl) => {
            setTemplates((all) => all.map((x) => (x.key === tpl.key ? tpl : x)));
            setDrafts((all) => ({ ...all, [tpl.key]: draftOf(tpl) }));
          }}
        />
      )}
    </section>
  );
}

function TemplateForm({ template, draft, onDraft, onSaved }: { template: Template; draft: Draft; onDraft(d: Draft): void; onSaved(t: Template): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const readOnly = !can('templates.manage');
  const save = useSave();
  const [resetting, setResetting] = useState<Lang | null>(null);
  const isEmail = template.key === 'unreachable_email';

  const problemText = (p: Problem): string => {
    switch (p.kind) {
      case 'empty':
        return t('common.required');
      case 'long':
        return t('common.tooLong', { max: i18n.fmt.number(p.max) });
      case 'braces':
        return t('settings.templates.braces');
      case 'unknown':
        return t('settings.templates.unknown', { name: `{{${p.name}}}` });
      case 'missing':
        return t('settings.templates.missing', { name: `{{${p.name}}}` });
      case 'oneLine':
        return t('settings.templates.oneLine');
    }
  };
  const problems: Record<string, string | null> = {};
  for (const lang of LANGS) {
    const body = bodyProblems(template.key, draft[lang].body, template.variables);
    problems[`${lang}.body`] = body.length ? problemText(body[0]) : null;
    if (isEmail) {
      const subject = subjectProblems(draft[lang].subject, template.variables);
      problems[`${lang}.subject`] = subject.length ? problemText(subject[0]) : null;
    }
  }
  const shown = (path: string) => problems[path] ?? save.fields[path] ?? null;
  const changed = (lang: Lang) => draft[lang].body !== template[lang].body || (isEmail && draft[lang].subject !== (template[lang].subject ?? ''));
  const dirty = LANGS.some(changed);

  const put = (body: Record<string, unknown>) => request<Template>('PUT', `/v1/message-templates/${encodeURIComponent(template.key)}`, body);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (Object.values(problems).some(Boolean)) return;
    const body: Record<string, unknown> = {};
    for (const lang of LANGS) if (changed(lang)) body[lang] = isEmail ? { subject: draft[lang].subject, body: draft[lang].body } : { body: draft[lang].body };
    const saved = await save.run(() => put(body));
    if (saved) onSaved(saved);
  };
  const reset = async (lang: Lang) => {
    setResetting(null);
    const saved = await save.run(() => put({ [lang]: null }), { saved: t('settings.templates.resetDone') });
    if (saved) onSaved(saved);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="template-form" data-key={template.key}>
      <fieldset className="plain" disabled={readOnly}>
        <div className="tpl-grid">
          {LANGS.map((lang) => (
            <LangColumn
              key={lang}
              lang={lang}
              template={template}
              value={draft[lang]}
              onChange={(v, path) => {
                onDraft({ ...draft, [lang]: v });
                save.forget(path);
              }}
              error={(field) => shown(`${lang}.${field}`)}
              onReset={template[lang].custom && !readOnly ? () => setResetting(lang) : undefined}
            />
          ))}
        </div>
        <SaveNotice state={save} />
        {!readOnly && (
          <button type="submit" className="btn btn-primary" disabled={save.busy || !dirty} aria-busy={save.busy} data-testid="save">
            {t('common.save')}
          </button>
        )}
      </fieldset>
      {resetting && (
        <Dialog title={t('settings.templates.resetTitle')} onClose={() => setResetting(null)}>
          <p>{t(resetting === 'ar' ? 'settings.templates.resetTextAr' : 'settings.templates.resetTextEn')}</p>
          <div className="dialog-actions">
            <button type="button" className="btn btn-primary" onClick={() => void reset(resetting)} data-autofocus data-testid="confirm-reset">
              {t('settings.templates.reset')}
            </button>
            <button type="button" className="btn btn-outline" onClick={() => setResetting(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </form>
  );
}

/** One language: subject (email), the text with its variables to insert, its length and the preview. */
function LangColumn({ lang, template, value, onChange, error, onReset }: {
  lang: Lang;
  template: Template;
  value: { subject: string; body: string };
  onChange(v: { subject: string; body: string }, path: string): void;
  error(field: 'body' | 'subject'): string | null;
  onReset?: () => void;
}) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const { me } = useSession();
  const area = useRef<HTMLTextAreaElement>(null);
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const isEmail = template.key === 'unreachable_email';
  const isSms = template.key === 'confirm_sms';
  const w = words[lang];

  // The preview speaks the column's language whatever the screen's: example values of that language.
  const examples: Record<string, string> = {
    customer_name: w['settings.templates.exampleName'],
    order_number: '1042',
    store_name: me.store.name,
    total: `249.00 ${me.store.currency}`,
    items: w['settings.templates.exampleItems'],
    link: `${location.origin}/c/${EXAMPLE_TOKEN}`,
    phone: '0501234567',
  };
  const preview = { subject: fill(value.subject, examples).replace(/[\r\n]+/g, ' '), body: fill(value.body, examples) };
  const sms = isSms ? smsParts(preview.body) : null;

  const insert = (name: string) => {
    const el = area.current;
    const code = `{{${name}}}`;
    const start = el?.selectionStart ?? value.body.length;
    const end = el?.selectionEnd ?? value.body.length;
    onChange({ ...value, body: value.body.slice(0, start) + code + value.body.slice(end) }, `${lang}.body`);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + code.length, start + code.length);
    });
  };

  return (
    <div className="tpl-col" data-lang={lang} lang={lang}>
      <div className="tpl-col-head">
        <h3>{t(lang === 'ar' ? 'settings.templates.arabic' : 'settings.templates.english')}</h3>
        <span className={`badge ${template[lang].custom ? 'tone-teal' : 'tone-grey'}`} data-testid="custom">
          {t(template[lang].custom ? 'settings.templates.custom' : 'settings.templates.default')}
        </span>
        {onReset && (
          <button type="button" className="linkish" onClick={onReset} data-testid="reset">
            {t('settings.templates.reset')}
          </button>
        )}
      </div>
      {isEmail && (
        <Field name="subject" label={t('settings.templates.subject')} dir={dir} value={value.subject} onChange={(e) => onChange({ ...value, subject: e.currentTarget.value }, `${lang}.subject`)} error={error('subject')} />
      )}
      <div className="field">
        <label htmlFor={`tpl-${lang}`}>{t('settings.templates.body')}</label>
        <textarea
          id={`tpl-${lang}`}
          ref={area}
          name="body"
          dir={dir}
          rows={isSms ? 4 : 10}
          value={value.body}
          aria-invalid={error('body') ? true : undefined}
          aria-describedby={`tpl-${lang}-count${error('body') ? ` tpl-${lang}-error` : ''}`}
          onChange={(e) => onChange({ ...value, body: e.currentTarget.value }, `${lang}.body`)}
        />
        <p className="hint" id={`tpl-${lang}-count`} data-testid="count">
          {sms
            ? t('settings.templates.smsCount', { chars: fmt.number(sms.chars), parts: t.plural('settings.templates.parts', sms.parts) })
            : t('settings.templates.count', { n: fmt.number(value.body.length), max: fmt.number(MAX_BODY) })}
        </p>
        {error('body') && (
          <p className="field-error" id={`tpl-${lang}-error`}>
            {error('body')}
          </p>
        )}
      </div>
      <div className="tpl-vars" role="group" aria-label={t('settings.templates.insert')}>
        {template.variables.map((name) => (
          <button key={name} type="button" className="chip" onClick={() => insert(name)} title={`{{${name}}}`}>
            + {t.code('settings.var', name)}
          </button>
        ))}
      </div>
      <div className="tpl-preview" aria-live="polite">
        <h4 className="small muted">{t('settings.templates.preview')}</h4>
        <div className="preview" dir={dir} data-testid="preview">
          {isEmail && <p className="strong">{preview.subject}</p>}
          {preview.body}
        </div>
      </div>
    </div>
  );
}
