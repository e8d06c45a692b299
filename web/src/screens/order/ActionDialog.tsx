import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api.ts';
import { useI18n } from '../../context.tsx';
import type { Order } from '../../types.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { Field, TextArea } from '../../ui/Field.tsx';
import { Icon } from '../../ui/icons.tsx';
import { errorText } from '../../ui/states.tsx';
import { GIFT_TOO_LATE, WORDS, type ActionKind } from './actions.ts';

const LIMITS = { reason: 500, note: 500, text: 1000, gift: 200, sku: 64 };

/**
 * One action on the order, asked for in a dialog: confirm, release (with an optional note),
 * cancel and hold (a reason is required), or a note with an optional gift. Problems show on
 * their field as they are typed; the server's answer lands on its field or above the buttons.
 */
export function ActionDialog({ kind, order, onClose, onDone }: { kind: ActionKind; order: Order; onClose(): void; onDone(order: Order): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = useState('');
  const [withGift, setWithGift] = useState(false);
  const [gift, setGift] = useState({ description: '', sku: '' });
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState<{ fields: Record<string, string>; message: string | null }>({ fields: {}, message: null });
  const [busy, setBusy] = useState(false);

  const needsReason = kind === 'cancel' || kind === 'hold';
  const textField = kind === 'note' ? 'text' : needsReason ? 'reason' : 'note';
  const max = LIMITS[textField];
  const problems: Record<string, string | null> = {
    [textField]: (needsReason || kind === 'note') && !text.trim() ? (tried ? t('common.required') : null) : text.trim().length > max ? t('common.tooLong', { max: i18n.fmt.number(max) }) : null,
    'gift.description': withGift && !gift.description.trim() ? (tried ? t('common.required') : null) : gift.description.length > LIMITS.gift ? t('common.tooLong', { max: i18n.fmt.number(LIMITS.gift) }) : null,
    'gift.sku': gift.sku.length > LIMITS.sku ? t('common.tooLong', { max: i18n.fmt.number(LIMITS.sku) }) : null,
  };
  const invalid = () =>
    ((needsReason || kind === 'note') && !text.trim()) ||
    text.trim().length > max ||
    (withGift && (!gift.description.trim() || gift.description.length > LIMITS.gift || gift.sku.length > LIMITS.sku));
  const shown = (path: string) => server.fields[path] ?? problems[path] ?? null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (invalid()) return;
    setBusy(true);
    setServer({ fields: {}, message: null });
    const body =
      kind === 'note'
        ? { text: text.trim(), gift: withGift ? { description: gift.description.trim(), sku: gift.sku.trim() || null } : null }
        : needsReason
          ? { reason: text.trim() }
          : text.trim()
            ? { note: text.trim() }
            : {};
    const path = kind === 'note' ? 'notes' : kind;
    try {
      const updated = await api.post<Order>(`/v1/orders/${encodeURIComponent(order.id)}/${path}`, body);
      onDone(updated);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields() : {};
      const known = Object.keys(fields).some((f) => f in problems);
      setServer({ fields, message: known ? null : errorText(err, i18n) });
    } finally {
      setBusy(false);
    }
  }

  const canGift = kind === 'note' && !GIFT_TOO_LATE.includes(order.status);
  const danger = kind === 'cancel';
  return (
    <Dialog title={t(WORDS[kind].title)} onClose={onClose}>
      <form onSubmit={submit} noValidate data-action={kind}>
        {WORDS[kind].text && <p className="muted">{t(WORDS[kind].text!)}</p>}
        {server.message && (
          <div className="notice notice-error" role="alert">
            <Icon name="alert" />
            <p>{server.message}</p>
          </div>
        )}
        <TextArea
          name={textField}
          label={needsReason ? t('action.reason') : kind === 'note' ? t('action.noteText') : t('action.noteOptional')}
          optional={!needsReason && kind !== 'note'}
          hint={kind === 'cancel' ? t('action.reasonCancelHint') : kind === 'hold' ? t('action.reasonHoldHint') : undefined}
          value={text}
          rows={3}
          data-autofocus
          onChange={(e) => {
            setText(e.currentTarget.value);
            setServer(({ fields: { [textField]: _gone, ...fields }, message }) => ({ fields, message }));
          }}
          error={shown(textField)}
        />
        {canGift && (
          <>
            <label className="check">
              <input type="checkbox" checked={withGift} onChange={(e) => setWithGift(e.currentTarget.checked)} />
              <Icon name="gift" />
              {t('action.addGift')}
            </label>
            {withGift && (
              <div className="gift-fields">
                <Field
                  name="gift.description"
                  label={t('action.giftDescription')}
                  hint={t('action.giftHint')}
                  dir="auto"
                  value={gift.description}
                  onChange={(e) => setGift({ ...gift, description: e.currentTarget.value })}
                  error={shown('gift.description') ?? shown('gift')}
                />
                <Field
                  name="gift.sku"
                  label={t('action.giftSku')}
                  optional
                  dir="ltr"
                  value={gift.sku}
                  onChange={(e) => setGift({ ...gift, sku: e.currentTarget.value })}
                  error={shown('gift.sku')}
                />
              </div>
            )}
          </>
        )}
        <DialogActions label={t(WORDS[kind].button)} busy={busy} danger={danger} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
