import { useI18n, useSession } from '../../context.tsx';
import { Link } from '../../router.tsx';
import { Icon } from '../../ui/icons.tsx';
import { useTitle } from '../../ui/states.tsx';

/** For now a greeting and the two lists someone opens first; the dashboard comes later. */
export default function HomeScreen() {
  const { t } = useI18n();
  const { me, can } = useSession();
  useTitle(null);
  return (
    <div className="page">
      <h1 className="page-title" dir="auto">
        {t('home.title', { name: me.user.name })}
      </h1>
      <p className="muted">{t('home.text')}</p>
      {can('orders.read') && (
        <div className="quick-links">
          <Link to="/orders?status=pending" className="card quick-link">
            <Icon name="clock" />
            <span>{t('home.pending')}</span>
            <Icon name="forward" className="quick-go" />
          </Link>
          <Link to="/orders?status=on_hold" className="card quick-link">
            <Icon name="pause" />
            <span>{t('home.onHold')}</span>
            <Icon name="forward" className="quick-go" />
          </Link>
        </div>
      )}
    </div>
  );
}
