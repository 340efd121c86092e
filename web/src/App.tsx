// The shell: the session (restored from GET /api/v1/session on reload, or
// opened at once on the last one the server confirmed, offline/session.ts),
// the language, the unit tree beside the page, the navigation and the pages,
// the connection and the outbox of writes waiting to be sent (offline/).
import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { del, get, hasCsrfToken, onSessionEnded, setCsrfToken, type Session, type Unit } from './api';
import { LanguageToggle } from './components/LanguageToggle';
import { Busy, ErrorBox } from './components/Status';
import { OutboxBadge } from './components/OutboxBadge';
import { Breadcrumbs, fetchUnit, UnitTree } from './components/UnitTree';
import { toApiError } from './hooks';
import { I18nContext, initialLang, makeI18n, translate, type Lang, type MessageKey } from './i18n';
import { Account } from './pages/Account';
import { Audit } from './pages/Audit';
import { Login } from './pages/Login';
import { Outbox } from './pages/Outbox';
import { Register } from './pages/Register';
import { Reports } from './pages/Reports';
import { Rewards } from './pages/Rewards';
import { Slips } from './pages/Slips';
import { Tasks } from './pages/Tasks';
import { Training } from './pages/Training';
import { Worklists } from './pages/Worklists';
import { Duplicates } from './pages/Duplicates';
import { resumeInterrupted } from './offline/outbox';
import { forgetVillages, refreshVillages } from './offline/pickerCache';
import { notReached, onSent, startSender } from './offline/sender';
import { forgetSession, keepRoots, keepSession, keptRoots, keptSession } from './offline/session';
import { navigate, useRoute } from './router';
import { AppContext, type AppState } from './state';
import { ApiError } from './api';

const PAGES: { page: string; label: MessageKey; permission: string }[] = [
  { page: 'dashboard', label: 'nav.dashboard', permission: 'read_aggregates' },
  { page: 'map', label: 'nav.map', permission: 'read_aggregates' },
  { page: 'analysis', label: 'nav.analysis', permission: 'read_aggregates' },
  { page: 'register', label: 'nav.register', permission: 'read_register' },
  { page: 'slips', label: 'nav.slips', permission: 'read_register' },
  { page: 'outbox', label: 'nav.outbox', permission: 'write_register' },
  { page: 'worklists', label: 'nav.worklists', permission: 'read_register' },
  { page: 'duplicates', label: 'nav.duplicates', permission: 'write_register' },
  { page: 'reports', label: 'nav.reports', permission: 'read_aggregates' },
  { page: 'completeness', label: 'nav.completeness', permission: 'approve_report' },
  { page: 'plans', label: 'nav.plans', permission: 'read_aggregates' },
  { page: 'rewards', label: 'nav.rewards', permission: 'read_register' },
  { page: 'tasks', label: 'nav.tasks', permission: 'read_aggregates' },
  { page: 'training', label: 'nav.training', permission: 'read_aggregates' },
  { page: 'audit', label: 'nav.audit', permission: 'read_audit' },
];

const PATH_KEY = 'danso.unitPath';

// The pages that draw charts, fetched with ECharts when first opened: the
// sign-in page and the lists load none of it.
// Without a connection, a page never opened before cannot be fetched: it
// says so, with a retry, instead of loading for ever.
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  return function LazyPage(props: P) {
    const [Page, setPage] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState<ApiError | null>(null);
    const [tries, setTries] = useState(0);
    useEffect(() => {
      if (!loaded) load().then((p) => setPage(() => (loaded = p)), () => setFailed(new ApiError(0, 'network',
        undefined, translate('vi', 'app.pageNeedsConnection'), translate('en', 'app.pageNeedsConnection'))));
    }, [tries]);
    if (failed) return <ErrorBox error={failed} testid="page-load-error" onRetry={() => { setFailed(null); setTries(tries + 1); }} />;
    return Page ? <Page {...props} /> : <Busy />;
  };
}
const Dashboard = lazyPage(() => import('./pages/Dashboard').then((m) => m.Dashboard));
const MapPage = lazyPage(() => import('./pages/MapPage').then((m) => m.MapPage));
const Analysis = lazyPage(() => import('./pages/Analysis').then((m) => m.Analysis));
const Completeness = lazyPage(() => import('./pages/Completeness').then((m) => m.Completeness));
const Plans = lazyPage(() => import('./pages/Plans').then((m) => m.Plans));

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo(() => makeI18n(lang, (l: Lang) => {
    localStorage.setItem('danso.lang', l);
    setLangState(l);
  }), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = i18n.t('app.title');
  }, [lang]);

  const [session, setSession] = useState<Session | null>(null);
  // The server has confirmed the session on this page (its anti-forgery
  // token is set): writes can be sent.
  const [confirmed, setConfirmed] = useState(false);
  const [checking, setChecking] = useState(true);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const [roots, setRoots] = useState<Unit[] | null>(null);
  const [rootError, setRootError] = useState<ApiError | null>(null);
  const [path, setPath] = useState<Unit[]>([]);
  const [menuOpen, setMenuOpen] = useState(false);
  const route = useRoute();

  const begin = (s: Session) => {
    setCsrfToken(s.csrf_token);
    keepSession(s);
    setNotice(null);
    setSession(s);
    setConfirmed(true);
  };
  const ended = () => {
    setCsrfToken('');
    forgetSession();
    setSession(null);
    setConfirmed(false);
    setRoots(null);
    setPath([]);
  };

  useEffect(() => {
    onSessionEnded(() => {
      ended();
      setNotice('app.sessionEnded');
    });
    // The last session the server confirmed opens the page at once (and
    // without a connection); the server's answer then confirms or ends it.
    const kept = keptSession();
    if (kept) {
      setSession(kept);
      setChecking(false);
    }
    let confirming = false;
    const confirm = () => {
      confirming = true;
      return get<Session>('/api/v1/session').then(begin, (e) => {
        if (kept && notReached(e)) return;  // offline: work on, writes wait in the outbox
        if (kept) {
          ended();
          setNotice('app.sessionEnded');
        }
      }).finally(() => { confirming = false; setChecking(false); });
    };
    void confirm();
    // Opened offline on the kept session: confirmed when the connection
    // returns, or within 30 s of the server answering again (a phone on a
    // network that does not reach the server says it is online).
    const online = () => { if (!confirming && !hasCsrfToken() && keptSession()) void confirm(); };
    window.addEventListener('online', online);
    const timer = setInterval(online, 30000);
    return () => { window.removeEventListener('online', online); clearInterval(timer); };
  }, []);

  // The outbox is sent while the session is confirmed; a collaborator's
  // villages are kept on the phone for the pickers, after the page has
  // loaded, and again after writes were delivered.
  useEffect(() => {
    const user = confirmed && session ? session.user.id : null;
    if (user !== null) void resumeInterrupted(user).finally(() => startSender(user));
    else startSender(null);
    if (user === null || !session || session.user.villages.length === 0) return;
    const villages = session.user.villages;
    const timer = setTimeout(() => void refreshVillages(user, villages).catch(() => {}), 2000);
    const stop = onSent(() => void refreshVillages(user, villages, true).catch(() => {}));
    return () => { clearTimeout(timer); stop(); };
  }, [confirmed, session?.user.id]);

  useEffect(() => {
    if (!session) return;
    setRootError(null);
    // The tree starts at the user's unit; a collaborator sees only their
    // villages, so their tree starts at each of them. The roots kept from
    // the last visit are shown at once, then those of the server.
    const codes = session.user.villages.length > 0 ? session.user.villages : [session.user.unit];
    const user = session.user.id;
    const show = (units: Unit[]) => {
      setRoots(units);
      let saved: Unit[] = [];
      try {
        saved = JSON.parse(sessionStorage.getItem(PATH_KEY) ?? '[]');
      } catch {
        saved = [];
      }
      setPath(saved.length > 0 && units.some((u) => u.code === saved[0].code) ? saved : [units[0]]);
    };
    const kept = keptRoots(user);
    if (kept && kept.length > 0) show(kept);
    Promise.all(codes.map(fetchUnit)).then((units) => {
      keepRoots(user, units);
      if (kept && kept.length > 0) setRoots(units);
      else show(units);
    }, (e) => { if (!kept) setRootError(toApiError(e)); });
  }, [session?.user.id]);

  const state: AppState | null = session && {
    session,
    can: (p) => session.permissions.includes(p),
    unit: path.length ? path[path.length - 1] : null,
    path,
    selectUnit: (_u, p) => {
      setPath(p);
      sessionStorage.setItem(PATH_KEY, JSON.stringify(p));
      setMenuOpen(false);
    },
    endSession: (key) => {
      sessionStorage.removeItem(PATH_KEY);
      ended();
      setNotice(key);
      navigate('dashboard');
    },
    signOut: async () => {
      try {
        await del('/api/v1/session');
      } catch {
        /* the session may have ended already */
      }
      // The villages kept on the phone go with the session; the outbox
      // stays, sent when its user signs in again.
      void forgetVillages(session.user.id).catch(() => {});
      sessionStorage.removeItem(PATH_KEY);
      ended();
    },
  };

  let body;
  if (checking) body = <Busy />;
  else if (!state) body = <Login onSignedIn={begin} notice={notice ? i18n.t(notice) : undefined} />;
  else {
    const pages = PAGES.filter((p) => state.can(p.permission));
    const current = pages.find((p) => p.page === route.page) ?? pages[0];
    const page = route.page === 'account' ? 'account' : current?.page;
  // A page chosen from the menu on a phone closes the menu.
  useEffect(() => setMenuOpen(false), [page]);
    body = (
      <AppContext.Provider value={state}>
        <header class={`topbar${menuOpen ? ' menu-open' : ''}`}>
          <button type="button" class="menu-toggle" data-testid="menu-toggle" aria-expanded={menuOpen}
            onClick={() => setMenuOpen(!menuOpen)}>
            ☰ <span class="menu-label">{i18n.t('app.menu')}</span>
          </button>
          <a class="brand" href="#/dashboard">{i18n.t('app.brand')}</a>
          {state.can('write_register') && <OutboxBadge user={state.session.user.id} />}
          <nav class="nav" data-testid="nav">
            {pages.map((p) => (
              <a key={p.page} href={`#/${p.page}`} class={p.page === page ? 'active' : ''} data-testid={`nav-${p.page}`}
                aria-current={p.page === page ? 'page' : undefined}>
                {i18n.t(p.label)}
              </a>
            ))}
          </nav>
          <div class="who">
            <a class={`user${page === 'account' ? ' active' : ''}`} href="#/account" data-testid="current-user"
              title={`${i18n.t('nav.account')}: ${state.session.user.unit_name}`}>
              {state.session.user.username}
            </a>
            <LanguageToggle />
            <button type="button" data-testid="logout" onClick={state.signOut}>{i18n.t('app.signOut')}</button>
          </div>
        </header>
        <div class="layout">
          <aside class={`sidebar${menuOpen ? ' open' : ''}`}>
            <ErrorBox error={rootError} testid="unit-tree-error" />
            {roots ? <UnitTree roots={roots} /> : !rootError && <Busy />}
          </aside>
          <main class="content">
            <Breadcrumbs />
            {page === 'dashboard' && <Dashboard />}
            {page === 'map' && <MapPage />}
            {page === 'analysis' && <Analysis favouriteId={route.arg} />}
            {page === 'register' && <Register />}
            {page === 'slips' && <Slips outboxKey={route.arg} />}
            {page === 'outbox' && <Outbox />}
            {page === 'worklists' && <Worklists />}
            {page === 'duplicates' && <Duplicates />}
            {page === 'reports' && <Reports reportId={route.arg} />}
            {page === 'completeness' && <Completeness />}
            {page === 'plans' && <Plans planId={route.arg} />}
            {page === 'rewards' && <Rewards runId={route.arg} />}
            {page === 'tasks' && <Tasks />}
            {page === 'training' && <Training />}
            {page === 'audit' && <Audit />}
            {page === 'account' && <Account />}
          </main>
        </div>
      </AppContext.Provider>
    );
  }
  return <I18nContext.Provider value={i18n}>{body}</I18nContext.Provider>;
}

export { navigate };
