import { useEffect, useId, useRef, useState } from 'react';
import { useI18n, useSession } from '../context.tsx';
import { Link } from '../router.tsx';
import { Icon } from '../ui/icons.tsx';
import { DigitsSwitch } from './LangSwitch.tsx';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0])
    .join('')
    .toUpperCase();

export function UserMenu() {
  const { t, lang } = useI18n();
  const { me, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => !ref.current?.contains(e.target as Node) && setOpen(false);
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  return (
    <div className="user-menu" ref={ref}>
      <button type="button" className="avatar-btn" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)} aria-label={t('shell.userMenu')} data-testid="user-menu">
        <span className="avatar" aria-hidden="true">
          {initials(me.user.name) || <Icon name="user" size={18} />}
        </span>
      </button>
      {open && (
        <div className="menu" id={id}>
          <div className="menu-who">
            <strong dir="auto">{me.user.name}</strong>
            {me.user.email && <span className="muted" dir="ltr">{me.user.email}</span>}
            <span className="muted">{me.user.role_label[lang]}</span>
          </div>
          <div className="menu-row menu-digits">
            <span>{t('digits.label')}</span>
            <DigitsSwitch />
          </div>
          <Link to="/profile" className="menu-item" onClick={() => setOpen(false)} data-testid="profile-link">
            <Icon name="user" />
            {t('shell.profile')}
          </Link>
          <button type="button" className="menu-item" onClick={() => void signOut()} data-testid="sign-out">
            <Icon name="signOut" />
            {t('shell.signOut')}
          </button>
        </div>
      )}
    </div>
  );
}
