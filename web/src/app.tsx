import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Loading } from './components/feedback';
import { Layout } from './components/layout';
import { useI18n } from './i18n/i18n';
import { match, navigate, useLocation } from './lib/router';
import { NotificationsProvider } from './live/notifications';
import { LoginPage, SignupPage } from './pages/auth-pages';
import { DevInboxPage } from './pages/dev-inbox-page';
import { MessagePage } from './pages/message/message-page';
import { MessagesPage } from './pages/messages-page';
import { OverviewPage } from './pages/overview-page';
import { SettingsPage } from './pages/settings/settings-page';
import { useSession } from './session/session';

// The editor is most of the app's weight: it loads when someone composes.
const ComposePage = lazy(() =>
  import('./pages/compose/compose-page').then((m) => ({ default: m.ComposePage })),
);

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** The page for an address behind the login; null when the address is not one of ours. */
function page(pathname: string): ReactNode | null {
  if (pathname === '/') return <Redirect to="/messages" />;
  if (pathname === '/messages') return <MessagesPage />;
  let params = match('/messages/:id', pathname);
  if (params) return <MessagePage key={params.id} id={params.id!} />;
  if (pathname === '/compose') return <ComposePage />;
  params = match('/compose/:id', pathname);
  if (params) return <ComposePage key={params.id} id={params.id} />;
  if (pathname === '/overview') return <OverviewPage />;
  if (pathname === '/settings') return <SettingsPage />;
  params = match('/settings/:section', pathname);
  if (params) return <SettingsPage section={params.section} />;
  if (pathname === '/dev-inbox') return <DevInboxPage />;
  return null;
}

export function App() {
  const { t } = useI18n();
  const { membership } = useSession();
  const { pathname, search } = useLocation();
  const title = t.common.appName;
  useEffect(() => {
    document.title = title;
  }, [title]);

  if (membership === undefined) return <Loading label={t.common.loading} />;
  if (!membership) {
    if (pathname === '/signup') return <SignupPage />;
    if (pathname === '/login') return <LoginPage />;
    const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
    return <Redirect to={`/login${next}`} />;
  }
  if (pathname === '/login' || pathname === '/signup') return <Redirect to="/messages" />;
  return (
    <NotificationsProvider>
      <Layout>
        <Suspense fallback={<Loading label={t.common.loading} />}>
          {page(pathname) ?? <p>{t.errors.not_found}</p>}
        </Suspense>
      </Layout>
    </NotificationsProvider>
  );
}
