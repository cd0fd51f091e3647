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

/** The params a route's pattern names: `:id` gives `id`, a final `*` gives `*`. */
type ParamsOf<Pattern extends string> = Pattern extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsOf<Rest>
  : Pattern extends `${string}:${infer Name}`
    ? Name
    : Pattern extends `${string}*`
      ? '*'
      : never;

/** The values to fill a route's params with; none for a route without. */
type ParamArgs<Route extends SpaRoute> = [ParamsOf<(typeof SPA_ROUTES)[Route]>] extends [never]
  ? []
  : [params: Record<ParamsOf<(typeof SPA_ROUTES)[Route]>, string>];

/**
 * The address of one of the app's pages, its params filled in: `spaPath('message', { id })`.
 * Each value is encoded, one segment for `:name`; a `*` may span several.
 */
export function spaPath<Route extends SpaRoute>(
  route: Route,
  ...[params]: ParamArgs<Route>
): string {
  const values: Readonly<Record<string, string>> = params ?? {};
  return SPA_ROUTES[route]
    .replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''))
    .replace(/\*$/, () => (values['*'] ?? '').split('/').map(encodeURIComponent).join('/'));
}
