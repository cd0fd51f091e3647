import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Loading } from './components/feedback';
import { Layout } from './components/layout';
import { useI18n } from './i18n/i18n';
import { match, navigate, useLocation } from './lib/router';
import { SPA_ROUTES, type SpaRoute } from './lib/spa-routes';
import { NotificationsProvider } from './live/notifications';
import { LoginPage, SignupPage } from './pages/auth-pages';
import { DevInboxPage } from './pages/dev-inbox-page';
import { MessagePage } from './pages/message/message-page';
import { MessagesPage } from './pages/messages-page';
import { NotificationsPage } from './pages/notifications/notifications-page';
import { OverviewPage } from './pages/overview-page';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/password-pages';
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

type Page = (params: Record<string, string>) => ReactNode;

/** The pages shown before login (login, signup, a forgotten password). */
type PublicRoute = 'login' | 'signup' | 'forgotPassword' | 'resetPassword';

/**
 * The page drawn at each address behind the login: every route of the app's one list (the
 * server answers index.html at the same ones), the public ones aside. A route added to the
 * list without its page here is a type error.
 */
const PAGES: Record<Exclude<SpaRoute, PublicRoute>, Page> = {
  home: () => <Redirect to={SPA_ROUTES.messages} />,
  messages: () => <MessagesPage />,
  message: ({ id }) => <MessagePage key={id} id={id!} />,
  compose: () => <ComposePage />,
  draft: ({ id }) => <ComposePage key={id} id={id} />,
  overview: () => <OverviewPage />,
  notifications: () => <NotificationsPage />,
  settings: () => <SettingsPage />,
  settingsSection: (params) => <SettingsPage section={params['*']} />,
  devInbox: () => <DevInboxPage />,
};

/** The page for an address behind the login; null when the address is not one of ours. */
function page(pathname: string): ReactNode | null {
  for (const [route, draw] of Object.entries(PAGES) as [keyof typeof PAGES, Page][]) {
    const params = match(SPA_ROUTES[route], pathname);
    if (params) return draw(params);
  }
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
  // Logged in or not: a reset link can be opened in a tab where someone is logged in.
  if (pathname === SPA_ROUTES.forgotPassword) return <ForgotPasswordPage />;
  if (pathname === SPA_ROUTES.resetPassword) return <ResetPasswordPage />;
  if (!membership) {
    if (pathname === SPA_ROUTES.signup) return <SignupPage />;
    if (pathname === SPA_ROUTES.login) return <LoginPage />;
    const next =
      pathname === SPA_ROUTES.home ? '' : `?next=${encodeURIComponent(pathname + search)}`;
    return <Redirect to={`${SPA_ROUTES.login}${next}`} />;
  }
  if (pathname === SPA_ROUTES.login || pathname === SPA_ROUTES.signup) {
    return <Redirect to={SPA_ROUTES.messages} />;
  }
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
