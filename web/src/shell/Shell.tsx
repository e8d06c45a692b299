import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { ScreenBoundary } from '../ui/ScreenBoundary.tsx';
import { useI18n, useSession } from '../context.tsx';
import { Link, useLocation } from '../router.tsx';
import { ROUTES, type RouteDef } from '../routes.ts';
import { Icon } from '../ui/icons.tsx';
import { Loading } from '../ui/states.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { DigitsSwitch, LangSwitch } from './LangSwitch.tsx';
import { UserMenu } from './UserMenu.tsx';

/**
 * The frame around every signed-in screen: the top bar (store, language, digits, account) and
 * the navigation, which lists only what this person may open. The navigation sits at the
 * inline start: on the right in Arabic, on the left in English; on a phone it slides in from
 * that side.
 */
export function Shell({ route, children }: { route: RouteDef | null; children: ReactNode }) {
  const { t, lang } = useI18n();
  const { me, can } = useSession();
  const { path } = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  useEffect(() => setNavOpen(false), [path]);
  const current = route?.section ?? route?.path;
  const entries = ROUTES.filter((r) => r.nav && (!r.permission || can(r.permission)));
  // Once the first screen has had time to fetch its data and the browser is idle, fetch the
  // other screens this person may open (a few KB), so moving around does not wait for them,
  // nor fail when the connection drops. (Sooner, they competed with the first screen's data.)
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 0));
    let id = 0;
    const later = window.setTimeout(() => {
      id = idle(() => {
        for (const r of ROUTES) if (!r.permission || can(r.permission)) void r.screen.preload().catch(() => {});
      });
    }, 1500);
    return () => {
      window.clearTimeout(later);
      (window.cancelIdleCallback ?? window.clearTimeout)(id);
    };
  }, [can]);
  return (
    <div className={`shell${navOpen ? ' nav-open' : ''}`}>
      <a className="skip" href="#main">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <button type="button" className="icon-btn menu-btn" aria-label={navOpen ? t('shell.closeMenu') : t('shell.menu')} aria-expanded={navOpen} aria-controls="nav" onClick={() => setNavOpen((o) => !o)}>
          <Icon name={navOpen ? 'close' : 'menu'} />
        </button>
        <Link to="/" className="brand" aria-label={t('app.name')}>
          <span className="brand-mark" aria-hidden="true">
            و
          </span>
        </Link>
        <span className="store-name" dir="auto" data-testid="store-name">
          {me.store.name}
        </span>
        <span className="topbar-gap" />
        <span className="topbar-digits">
          <DigitsSwitch />
        </span>
        <LangSwitch />
        <UserMenu />
      </header>
      <nav id="nav" className="sidenav" aria-label={t('shell.nav')} data-testid="nav">
        <ul className="nav-links">
          {entries.map((r) => (
            <li key={r.path}>
              <Link to={r.path} aria-current={current === r.path ? 'page' : undefined} onClick={() => setNavOpen(false)}>
                <Icon name={r.nav!.icon} />
                <span>{r.nav!.label[lang]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <button type="button" className="scrim" tabIndex={-1} aria-hidden="true" onClick={() => setNavOpen(false)} />
      <main id="main" className="main" tabIndex={-1}>
        <ConnectionBanner />
        <ScreenBoundary message={t('common.error')} retry={t('common.retry')} resetKey={path}>
          <Suspense fallback={<Loading />}>{children}</Suspense>
        </ScreenBoundary>
      </main>
    </div>
  );
}
