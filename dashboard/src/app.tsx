// The app shell: who is signed in, the navigation frame, and the page for the current path.
import { useEffect, useState } from 'preact/hooks';
import { api, setUnauthorizedHandler } from './api.js';
import type { Me } from './api-types.js';
import { SignIn } from './auth/sign-in.js';
import { langChosen, onLangChange, setLang } from './i18n/i18n.js';
import { Layout } from './layout/layout.js';
import { matchPath, useLocation } from './router/router.js';
import { NOT_FOUND, PUBLIC_ROUTES, ROUTES, type Route } from './routes.js';
import { SessionContext } from './session.js';
import { Toasts } from './ui/toast.js';

function pick(routes: Route[], path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (params) return { route, params };
  }
  return null;
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [, setLangTick] = useState(0);
  const loc = useLocation();

  const refresh = async () => {
    let signedIn: Me;
    try {
      signedIn = await api<Me>('GET', '/me');
    } catch {
      setMe(null);
      return;
    }
    // A device where no language was chosen (a new one, or its storage cleared) takes the
    // account's, before the first signed-in page renders: no flash of the other language.
    if (!langChosen()) await setLang(signedIn.lang);
    setMe(signedIn);
  };
  useEffect(() => {
    void refresh();
    setUnauthorizedHandler(() => setMe(null));
    // A new language re-renders every page from here (no remount: drafts and filters stay).
    return onLangChange(() => setLangTick((n) => n + 1));
  }, []);

  const open = pick(PUBLIC_ROUTES, loc.path);
  if (open) {
    return (
      <main id="main" class="public-page">
        <open.route.page params={open.params} />
      </main>
    );
  }
  if (me === undefined) return <div class="page-loading page-loading-full" aria-busy="true" />;
  if (me === null) return <SignIn onSignedIn={refresh} />;

  const found = pick(ROUTES, loc.path);
  const Page = found?.route.page ?? NOT_FOUND;
  return (
    <SessionContext.Provider value={{ me, refresh }}>
      <Layout onSignedOut={() => setMe(null)}>
        <Page key={found?.route.group ?? loc.path} params={found?.params ?? {}} />
      </Layout>
      <Toasts />
    </SessionContext.Provider>
  );
}
