import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { LANGUAGE_DETAILS, LANGUAGES } from '../i18n/languages';
import { call } from '../lib/api';
import { Link, navigate, useLocation } from '../lib/router';
import { spaPath } from '../lib/spa-routes';
import type { Language } from '../lib/types';
import { useSession } from '../session/session';
import { Icon } from './icons';
import { NotificationPanel } from './notification-panel';
import { useEscape } from './use-escape';
import { useOutsidePress } from './use-outside-press';

/** Whether the server runs the dev inbox (SMTP_URL unset); asked once. */
function useDevInbox(): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    call('GET /api/v1/dev/inbox', { query: { limit: 1 } }).then(
      () => setOn(true),
      () => setOn(false),
    );
  }, []);
  return on;
}

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  const { membership, update } = useSession();
  const change = (next: Language) => {
    setLanguage(next);
    // Logged in, the choice also sets the language of notifications and of sent mail's pages.
    if (membership) void update({ language: next }).catch(() => undefined);
  };
  return (
    <label className="language">
      <span className="visually-hidden">{t.nav.language}</span>
      <select value={language} onChange={(event) => change(event.target.value as Language)}>
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_DETAILS[code].name}
          </option>
        ))}
      </select>
    </label>
  );
}

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { pathname } = useLocation();
  const here = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Link to={to} aria-current={here ? 'page' : undefined} className={here ? 'current' : ''}>
      {children}
    </Link>
  );
}

/**
 * On a phone the navigation, the language and logging out fold into a menu behind one button
 * (the bell stays out: news must show at a glance); from a tablet's width up they are one row.
 * The menu closes on a page change, on Escape (focus back on its button) and on a press outside.
 */
function useFoldedMenu() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on each page change
  useEffect(() => close(), [pathname, close]);
  useEscape(open, close, button);
  useOutsidePress(open, close, [menu, button]);
  return { open, toggle: () => setOpen((was) => !was), button, menu };
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { membership, logout } = useSession();
  const devInbox = useDevInbox();
  const { pathname } = useLocation();
  const menu = useFoldedMenu();
  // Each page change moves focus to the page, so keyboard and screen reader users start there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each page change
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t.nav.skip}
      </a>
      <header className="top">
        <Link to={spaPath('messages')} className="brand">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span>{t.common.appName}</span>
        </Link>
        <NotificationPanel />
        <button
          ref={menu.button}
          type="button"
          className="icon-button menu-toggle"
          aria-expanded={menu.open}
          aria-controls="top-menu"
          onClick={menu.toggle}
        >
          <Icon name="menu" size={20} />
          <span>{t.nav.menu}</span>
        </button>
        <div ref={menu.menu} id="top-menu" className={menu.open ? 'top-menu open' : 'top-menu'}>
          <nav aria-label={t.nav.main} className="main-nav">
            <NavLink to={spaPath('messages')}>{t.nav.messages}</NavLink>
            <NavLink to={spaPath('compose')}>{t.nav.compose}</NavLink>
            <NavLink to={spaPath('overview')}>{t.nav.overview}</NavLink>
            <NavLink to={spaPath('notifications')}>{t.nav.notifications}</NavLink>
            <NavLink to={spaPath('settings')}>{t.nav.settings}</NavLink>
            {devInbox && <NavLink to={spaPath('devInbox')}>{t.nav.devInbox}</NavLink>}
          </nav>
          <div className="top-tools">
            <LanguageSwitch />
            <button
              type="button"
              className="link-button"
              title={membership ? t.nav.account(membership.user.name) : undefined}
              onClick={async () => {
                await logout();
                navigate(spaPath('login'));
              }}
            >
              {t.nav.logout}
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
