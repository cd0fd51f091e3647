/**
 * The web app's policy. Its scripts and styles are files Vite built, so nothing inline runs;
 * `fetch` and the notification stream go to this origin only. Images may be `data:`/`blob:`
 * (attachment previews); the sent-mail preview is a sandboxed `srcdoc` frame that inherits this
 * policy, so a remote image in a composed mail is not fetched by the sender's own browser.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The app's own addresses: each answers index.html and the app draws the page. Listed one by
 * one rather than a catch-all, so that nothing under /api, /t, /dev or the operations
 * endpoints can ever be answered by the app instead of its real owner.
 */
export const CLIENT_ROUTES = [
  '/',
  '/login',
  '/signup',
  '/messages',
  '/messages/:id',
  '/compose',
  '/compose/:id',
  '/overview',
  '/settings',
  '/settings/*',
  '/dev-inbox',
] as const;
