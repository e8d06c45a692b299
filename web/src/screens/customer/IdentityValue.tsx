import { useI18n } from '../../context.tsx';
import { addressText, type Identity } from './profile.ts';

/** A phone (left to right, in the reader's digits), an email, or an address in words. */
export function IdentityValue({ identity }: { identity: Identity }) {
  const { fmt, lang } = useI18n();
  if (identity.type === 'phone') return <bdi dir="ltr">{fmt.digits(identity.key)}</bdi>;
  if (identity.type === 'email') return <bdi dir="ltr">{identity.key}</bdi>;
  return <span dir="auto">{addressText(identity.key, lang)}</span>;
}
