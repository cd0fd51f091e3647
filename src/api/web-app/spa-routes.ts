/**
 * The web app's pages by name: the one list of its addresses. The server answers index.html at
 * each (./routes.ts) and the app draws the page (web/src/app.tsx, which must give each a page).
 * Listed one by one rather than a catch-all, so that nothing under /api, /t, /dev or the
 * operations endpoints can ever be answered by the app instead of its real owner.
 *
 * `:name` is one segment of the path; a final `*` is the rest of it, even nothing (the app
 * shows its first settings section for one it does not know).
 *
 * Data and no imports: the web app bundles this file.
 */
export const SPA_ROUTES = {
  home: '/',
  login: '/login',
  signup: '/signup',
  messages: '/messages',
  message: '/messages/:id',
  compose: '/compose',
  draft: '/compose/:id',
  overview: '/overview',
  settings: '/settings',
  settingsSection: '/settings/*',
  devInbox: '/dev-inbox',
} as const;

export type SpaRoute = keyof typeof SPA_ROUTES;
