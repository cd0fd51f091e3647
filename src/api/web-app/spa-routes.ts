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
  forgotPassword: '/forgot-password',
  // The reset link's token rides in the fragment (#token=…), which never reaches the server.
  resetPassword: '/reset-password',
  messages: '/messages',
  message: '/messages/:id',
  compose: '/compose',
  draft: '/compose/:id',
  overview: '/overview',
  notifications: '/notifications',
  settings: '/settings',
  settingsSection: '/settings/*',
  devInbox: '/dev-inbox',
} as const;

export type SpaRoute = keyof typeof SPA_ROUTES;

/**
 * The params a path pattern names, in the syntax the server's routes and the app's pages share:
 * `:id` gives `id`, a final `*` gives `*`.
 */
export type PatternParams<Pattern extends string> =
  Pattern extends `${string}:${infer Name}/${infer Rest}`
    ? Name | PatternParams<Rest>
    : Pattern extends `${string}:${infer Name}`
      ? Name
      : Pattern extends `${string}*`
        ? '*'
        : never;

/**
 * `pattern` with its params filled in, each value encoded: one segment for `:name`, and for a
 * `*` as many as the value has.
 */
export function fillPattern(pattern: string, values: Readonly<Record<string, string>>): string {
  return pattern
    .replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''))
    .replace(/\*$/, () => (values['*'] ?? '').split('/').map(encodeURIComponent).join('/'));
}

/** The values to fill a page's params with; none for a page without. */
type SpaParams<Route extends SpaRoute> = [PatternParams<(typeof SPA_ROUTES)[Route]>] extends [never]
  ? []
  : [params: Record<PatternParams<(typeof SPA_ROUTES)[Route]>, string>];

/** The address of one of the app's pages, its params filled in: `spaPath('message', { id })`. */
export function spaPath<Route extends SpaRoute>(
  route: Route,
  ...[params]: SpaParams<Route>
): string {
  return fillPattern(SPA_ROUTES[route], params ?? {});
}
