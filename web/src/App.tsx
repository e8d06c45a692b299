import { useCallback, useEffect, useMemo, useState } from 'react';
import { auth, devApiKey, onSessionExpired, setSignedIn } from './api.ts';
import { I18nContext, SessionContext, type I18n, type Session } from './context.tsx';
import { makeFormat, type Digits } from './format.ts';
import { dirOf, makeTranslate, type Lang } from './i18n/index.ts';
import { applyLang, initialDigits, initialLang, rememberDigits, showLang } from './prefs.ts';
import { matchPath, navigate, safePath, useLocation } from './router.tsx';
import { ROUTES, type RouteDef } from './routes.ts';
import { InviteScreen } from './screens/invite/InviteScreen.tsx';
import { SignInForm } from './screens/sign-in/SignInForm.tsx';
import { SignInScreen } from './screens/sign-in/SignInScreen.tsx';
import { Shell } from './shell/Shell.tsx';
import type { Me, Permission } from './types.ts';
import { Dialog } from './ui/Dialog.tsx';
import { ErrorState, Loading } from './ui/states.tsx';

type SessionState = { state: 'loading' } | { state: 'out' } | { state: 'error'; error: unknown } | { state: 'in'; me: Me };

/**
 * The first load asks who is signed in and fetches the first screen's chunk at the same time,
 * before React has rendered anything; the app shows the screen once both are here.
 */
const firstSession = auth.me();
firstSession.catch(() => {}); // handled where it is used; not an unhandled rejection meanwhile
const firstScreen = findRoute(location.pathname)?.route.screen.preload().catch(() => {});
let firstLoad = true;

function findRoute(path: string): { route: RouteDef; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

export function App() {
  const [lang, setLangState] = useState<Lang>(() => {
    const first = initialLang();
    showLang(first);
    return first;
  });
  const [digits, setDigitsState] = useState<Digits>(initialDigits);
  const [session, setSession] = useState<SessionState>({ state: 'loading' });
  const [expired, setExpired] = useState<(() => void) | null>(null);
  const loc = useLocation();

  const me = session.state === 'in' ? session.me : null;
  const store = me?.store;

  const changeLang = useCallback((next: Lang, save = true) => {
    applyLang(next);
    setLangState(next);
    if (save && me) void auth.update({ language: next }).catch(() => {});
  }, [me]);
  const changeDigits = useCallback((next: Digits) => {
    rememberDigits(next);
    setDigitsState(next);
    if (me) void auth.update({ digits: next }).catch(() => {});
  }, [me]);

  const signedIn = useCallback((who: Me) => {
    setSignedIn(true);
    setSession({ state: 'in', me: who });
    // Their own choice, once they have made one, wins over the browser's language.
    if (who.user.language && who.user.language !== document.documentElement.lang) changeLang(who.user.language, false);
    if (who.user.digits) {
      rememberDigits(who.user.digits);
      setDigitsState(who.user.digits);
    }
  }, [changeLang]);

  const loadSession = useCallback(() => {
    setSession({ state: 'loading' });
    const asked = firstLoad ? Promise.all([firstSession, firstScreen]).then(([who]) => who) : auth.me();
    firstLoad = false;
    asked.then(
      (who) => (who ? signedIn(who) : setSession({ state: 'out' })),
      (error) => setSession({ state: 'error', error }),
    );
  }, [signedIn]);

  useEffect(loadSession, []); // eslint-disable-line react-hooks/exhaustive-deps

  // A request met a 401: ask to sign in again over the current screen, which stays as it is.
  useEffect(() => onSessionExpired(() => new Promise<void>((resolve) => setExpired(() => resolve))), []);

  const fmt = useMemo(
    () => makeFormat({ lang, digits, currency: store?.currency ?? 'SAR', timeZone: store?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, country: store?.country }),
    [lang, digits, store?.currency, store?.timezone, store?.country],
  );
  const i18n = useMemo<I18n>(() => {
    const t = makeTranslate(lang, fmt.number);
    return {
      lang,
      dir: dirOf(lang),
      t,
      fmt,
      digits,
      setLang: changeLang,
      setDigits: changeDigits,
      pick: (text) => (lang === 'ar' ? text.ar : text.en) || text.fallback || text.en || text.ar || '',
    };
  }, [lang, fmt, digits, changeLang, changeDigits]);

  const sessionValue = useMemo<Session | null>(() => {
    if (!me) return null;
    const perms = new Set(me.permissions);
    return {
      me,
      can: (p: Permission) => perms.has(p),
      update: (next: Me) => setSession({ state: 'in', me: next }),
      async signOut() {
        try {
          if (devApiKey()) sessionStorage.removeItem('wasl_api_key');
          else await auth.signOut();
        } finally {
          setSignedIn(false);
          setSession({ state: 'out' });
          navigate('/sign-in', { replace: true });
        }
      },
    };
  }, [me]);

  // Signed out anywhere: the sign-in page, coming back here afterwards. Signed in on the
  // sign-in page: where they were going.
  useEffect(() => {
    if (loc.path.startsWith('/invite/')) return;
    if (session.state === 'out' && loc.path !== '/sign-in') {
      const next = loc.path === '/' ? '' : `?next=${encodeURIComponent(loc.href)}`;
      navigate(`/sign-in${next}`, { replace: true });
    }
    if (session.state === 'in' && loc.path === '/sign-in') navigate(safePath(loc.query.get('next')) ?? '/', { replace: true });
  }, [session.state, loc.path, loc.href, loc.query]);

  const invite = matchPath('/invite/:token', loc.path);
  let body;
  // An invitation link is open to anyone: accepting it signs the new person in.
  if (invite) body = <InviteScreen token={invite.token} onSignedIn={(who) => { signedIn(who); navigate('/', { replace: true }); }} />;
  else if (session.state === 'loading') body = <Loading />;
  else if (session.state === 'error') body = <main className="center-page"><ErrorState error={session.error} onRetry={loadSession} /></main>;
  else if (session.state === 'out') body = <SignInScreen onSignedIn={signedIn} />;
  else {
    const found = findRoute(loc.path);
    const allowed = found && (!found.route.permission || sessionValue!.can(found.route.permission));
    const Screen = found?.route.screen;
    body = (
      <SessionContext.Provider value={sessionValue}>
        <Shell route={found?.route ?? null}>
          {!found ? (
            <Problem text={i18n.t('common.notFound')} />
          ) : !allowed ? (
            <Problem text={i18n.t('common.forbidden')} />
          ) : (
            Screen && <Screen key={found.route.path} params={found.params} query={loc.query} />
          )}
        </Shell>
      </SessionContext.Provider>
    );
  }

  return (
    <I18nContext.Provider value={i18n}>
      {body}
      {expired && me && (
        <Dialog title={i18n.t('signIn.expiredTitle')} locked labelId="expired-title">
          <p className="lead">{i18n.t('signIn.expiredLead')}</p>
          <SignInForm
            email={me.user.email}
            onSignedIn={(who) => {
              // Someone else signed in: this screen was not theirs, start afresh.
              if (who.user.id !== me.user.id) return location.assign('/');
              signedIn(who);
              expired();
              setExpired(null);
            }}
          />
          <button type="button" className="linkish expired-other" onClick={() => location.assign('/sign-in')}>
            {i18n.t('signIn.otherUser')}
          </button>
        </Dialog>
      )}
    </I18nContext.Provider>
  );
}

function Problem({ text }: { text: string }) {
  return (
    <div className="page">
      <div className="notice notice-info" role="alert">
        <p>{text}</p>
      </div>
    </div>
  );
}
