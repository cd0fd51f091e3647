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
