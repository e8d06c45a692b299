import { useI18n } from '../../context.tsx';
import { useLocation } from '../../router.tsx';
import { ROUTES } from '../../routes.ts';
import { Icon } from '../../ui/icons.tsx';
import { useTitle } from '../../ui/states.tsx';

/** A navigation entry whose screen comes in a later part. */
export default function NotBuiltScreen() {
  const { t, lang } = useI18n();
  const { path } = useLocation();
  const nav = ROUTES.find((r) => r.path === path)?.nav;
  const title = nav?.label[lang] ?? t('notBuilt.title');
  useTitle(title);
  return (
    <div className="page">
      <h1 className="page-title">{title}</h1>
      <div className="card empty-card" data-testid="not-built">
        <span className="empty-icon">{nav && <Icon name={nav.icon} size={28} />}</span>
        <h2>{t('notBuilt.title')}</h2>
        <p className="muted">{t('notBuilt.text')}</p>
      </div>
    </div>
  );
}
