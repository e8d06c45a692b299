import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api.ts';
import { useI18n } from '../../context.tsx';
import { Icon } from '../../ui/icons.tsx';
import { errorText } from '../../ui/states.tsx';
import { KNOWN_TAGS, TagBadge } from '../customers/tags.tsx';

// The server's rule (src/modules/customers/tags.ts), checked as the person types.
const TAG_RE = /^[\p{L}\p{M}\p{Nd}_-]+$/u;
const MAX_TAG = 32;

/**
 * The person's tags; with `customers.tag`, a field to add one (a known tag or the store's own
 * word) and a remove button on each. The server's answer on a bad tag shows under the field.
 */
export function TagEditor({ customerId, tags, editable, onChanged }: { customerId: string; tags: string[]; editable: boolean; onChanged(message: string): void }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const [text, setText] = useState('');
  const [server, setServer] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tag = text.trim();
  const problem = !tag ? null : [...tag].length > MAX_TAG ? t('customer.tagTooLong', { max: fmt.number(MAX_TAG) }) : TAG_RE.test(tag) ? null : t('customer.tagInvalid');

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!tag || problem) return;
    setBusy(true);
    setServer(null);
    try {
      await api.post(`/v1/customers/${encodeURIComponent(customerId)}/tags`, { tag });
      setText('');
      onChanged(t('customer.tagAdded', { tag: t.code('customers.tag', tag.toLowerCase(), tag) }));
    } catch (err) {
      setServer(err instanceof ApiError ? (err.fields().tag ?? errorText(err, i18n)) : errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  }

  async function remove(old: string) {
    setBusy(true);
    setServer(null);
    try {
      await api.del(`/v1/customers/${encodeURIComponent(customerId)}/tags/${encodeURIComponent(old)}`);
      onChanged(t('customer.tagRemoved', { tag: t.code('customers.tag', old, old) }));
    } catch (err) {
      setServer(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  }

  const error = problem ?? server;
  return (
    <div data-testid="tags">
      {tags.length === 0 ? (
        <p className="muted">{t('customer.noTags')}</p>
      ) : (
        <ul className="tag-list">
          {tags.map((tg) => (
            <li key={tg}>
              <TagBadge tag={tg} />
              {editable && (
                <button type="button" className="icon-btn tag-remove" onClick={() => remove(tg)} disabled={busy} aria-label={t('customer.tagRemove', { tag: t.code('customers.tag', tg, tg) })} data-remove-tag={tg}>
                  <Icon name="x" size={16} />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form className="tag-form" onSubmit={add} noValidate>
          <div className="field">
            <label htmlFor="customer-tag">{t('customer.tagNew')}</label>
            <div className="tag-form-row">
              <input
                id="customer-tag"
                name="tag"
                dir="auto"
                list="customer-known-tags"
                value={text}
                autoComplete="off"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'customer-tag-error' : 'customer-tag-hint'}
                onChange={(e) => {
                  setText(e.currentTarget.value);
                  setServer(null);
                }}
              />
              <button type="submit" className="btn btn-outline" disabled={busy || !tag || Boolean(problem)}>
                {t('customer.tagAdd')}
              </button>
            </div>
            <datalist id="customer-known-tags">
              {KNOWN_TAGS.filter((k) => !tags.includes(k)).map((k) => (
                <option key={k} value={k}>
                  {t.code('customers.tag', k)}
                </option>
              ))}
            </datalist>
            {error ? (
              <p className="field-error" id="customer-tag-error">
                {error}
              </p>
            ) : (
              <p className="hint" id="customer-tag-hint">
                {t('customer.tagHint')}
              </p>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
