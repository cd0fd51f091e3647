// One small stylesheet for every recipient page, inline under the response's nonce. Colours
// keep at least 4.5:1 contrast in both schemes; touch targets are 44px high; the layout is a
// single column that fits a 320px-wide phone.
export const STYLE = `
:root { color-scheme: light dark; --bg: #f3f5f8; --card: #fff; --text: #1f2933; --muted: #52606d;
  --line: #d5dce4; --accent: #1d4ed8; --accent-hover: #1e3a8a; --on-accent: #fff;
  --warn: #9a3412; --focus: #b45309; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #111418; --card: #1b1f24; --text: #e6e9ee; --muted: #a9b3bd; --line: #363d46;
    --accent: #8ab4ff; --accent-hover: #b3ceff; --on-accent: #0b1220; --warn: #fdba74;
    --focus: #fbbf24; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 2.5rem; }
header { padding: 0 .25rem .75rem; color: var(--muted); overflow-wrap: anywhere; }
header p { margin: 0; }
header strong { color: var(--text); }
main { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 1.5rem; }
footer { padding: 1rem .25rem 0; color: var(--muted); font-size: .9rem; }
footer p { margin: 0 0 .25rem; }
h1 { font-size: 1.4rem; line-height: 1.3; margin: 0 0 .75rem; overflow-wrap: anywhere; }
h2 { font-size: 1.05rem; line-height: 1.3; margin: 1.5rem 0 .4rem; }
p, ul { margin: 0 0 .75rem; }
ul { padding-left: 1.25rem; }
a { color: var(--accent); text-underline-offset: 2px; overflow-wrap: anywhere; }
a:hover { color: var(--accent-hover); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.muted { color: var(--muted); }
form { margin: 0; }
/* Inline-block, not flex: a label mixes words and elements ("Write to <bdi>name</bdi>"), and
   a flex box makes each run an item of its own, dropping the space between them. */
.button { display: inline-block; vertical-align: middle; min-height: 44px;
  padding: .55rem 1.1rem; border: 2px solid var(--accent); border-radius: 8px;
  background: var(--accent); color: var(--on-accent); font: inherit; font-weight: 600;
  text-align: center; text-decoration: none; cursor: pointer; overflow-wrap: anywhere; }
.button:hover { background: var(--accent-hover); border-color: var(--accent-hover); color: var(--on-accent); }
.actions { margin: 1.25rem 0 .75rem; }
.actions .meta { margin-top: .4rem; }
.files { list-style: none; margin: 1rem 0; padding: 0; border-top: 1px solid var(--line); }
.file { display: flex; align-items: center; gap: .75rem; padding: .75rem 0;
  border-bottom: 1px solid var(--line); }
.badge { flex: none; display: flex; align-items: center; justify-content: center; width: 3rem;
  height: 3rem; border: 1px solid var(--line); border-radius: 8px; background: var(--bg);
  color: var(--muted); font-size: .7rem; font-weight: 700; letter-spacing: .03em; }
.info { flex: 1; min-width: 0; }
.name { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.meta { margin: 0; color: var(--muted); font-size: .9rem; }
.meta.warn { color: var(--warn); }
.file form { flex: none; }
@media (max-width: 30rem) {
  .page { padding: 1rem .5rem 2rem; }
  main { padding: 1.25rem 1rem; border-radius: 8px; }
  .file { flex-wrap: wrap; }
  .file form, .file .button, .actions .button { width: 100%; }
}
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px;
  padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
