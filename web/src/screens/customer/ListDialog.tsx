import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api.ts';
import { useI18n } from '../../context.tsx';
import type { Key } from '../../i18n/index.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { TextArea } from '../../ui/Field.tsx';
import { Icon } from '../../ui/icons.tsx';
import { errorText } from '../../ui/states.tsx';
import { LIST_PATH, type Identity, type ListEntry, type ListName } from './profile.ts';
import { IdentityValue } from './IdentityValue.tsx';

const MAX_REASON = 500;

export type ListAsk = { kind: 'add'; list: ListName; identity: Identity } | { kind: 'remove'; entry: ListEntry; identity: Identity };

/**
 * Asks before a phone, email or address goes on (with a reason, required) or comes off the
 * blocklist or allowlist. The reason's problems show as it is typed; the server's on its field.
 */
export function ListDialog({ ask, onClose, onDone }: { ask: ListAsk; onClose(): void; onDone(message: string): void }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState<{ fields: Record<string, string>; message: string | null }>({ fields: {}, message: null });
  const [busy, setBusy] = useState(false);
  const adding = ask.kind === 'add';
  const list: ListName = ask.kind === 'add' ? ask.list : ask.entry.list;
  const text = reason.trim();
  const problem = !adding ? null : !text ? (tried ? t('common.required') : null) : text.length > MAX_REASON ? t('common.tooLong', { max: fmt.number(MAX_REASON) }) : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (adding && (!text || text.length > MAX_REASON)) return;
    setBusy(true);
    setServer({ fields: {}, message: null });
    try {
      if (ask.kind === 'add') {
        await api.post(LIST_PATH[ask.list], { type: ask.identity.type, value: ask.identity.value, reason: text });
        onDone(t(ask.list === 'block' ? 'customer.done.block' : 'customer.done.allow'));
      } else {
        await api.del(`${LIST_PATH[list]}/${encodeURIComponent(ask.entry.id)}`);
        onDone(t('customer.done.removed'));
      }
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields() : {};
      setServer({ fields, message: fields.reason ? null : errorText(err, i18n) });
    } finally {
      setBusy(false);
    }
  }

  const title: Key = adding ? (`customer.${list}Title.${ask.identity.type}` as Key) : (`customer.removeTitle.${list}` as Key);
  return (
    <Dialog title={t(title)} onClose={onClose}>
      <form onSubmit={submit} noValidate data-list-dialog={adding ? list : `remove-${list}`}>
        <p className="list-dialog-value">
          <IdentityValue identity={ask.identity} />
        </p>
        <p className="muted">{adding ? t(list === 'block' ? 'customer.blockText' : 'customer.allowText') : t('customer.removeText')}</p>
        {server.message && (
          <div className="notice notice-error" role="alert">
            <Icon name="alert" />
            <p>{server.message}</p>
          </div>
        )}
        {adding && (
          <TextArea
            name="reason"
            label={t('customer.reason')}
            hint={t(list === 'block' ? 'customer.blockReasonHint' : 'customer.allowReasonHint')}
            value={reason}
            rows={2}
            data-autofocus
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setServer(({ fields: { reason: _gone, ...fields }, message }) => ({ fields, message }));
            }}
            error={server.fields.reason ?? problem}
          />
        )}
        <DialogActions
          label={adding ? t(list === 'block' ? 'customer.confirmBlock' : 'customer.confirmAllow') : t('customer.removeConfirm')}
          busy={busy}
          danger={list === 'block' && adding}
          autoFocus={!adding}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
