import { escapeHtml } from '../../html/index.js';
import type { DevInboxRow } from '../../store/index.js';
import { renderPage, timeElement } from './page.js';

export interface ListPageOptions {
  /** The page asks the API for this many mails, as it was asked itself. */
  readonly limit: number;
  /** Shown to a newcomer facing an empty inbox: where to send mail. */
  readonly smtpPort?: number;
}

export const POLL_SECONDS = 5;

export function renderListPage(
  nonce: string,
  rows: readonly DevInboxRow[],
  options: ListPageOptions,
): string {
  const items = rows.map(renderItem).join('\n');
  const where =
    options.smtpPort === undefined
      ? ''
      : ` Other programs can send here too: SMTP on <code>localhost:${options.smtpPort}</code>, any login or none.`;
  return renderPage(nonce, {
    title: 'Dev inbox',
    // Without the script, the page still refreshes itself, if less politely.
    head: `<noscript><meta http-equiv="refresh" content="${POLL_SECONDS * 2}"></noscript>\n`,
    main: `<h1>Dev inbox</h1>
<p class="muted">SMTP_URL is not set, so every mail Mailbeacon sends lands here instead of going out. Open one to see it as its recipient would: images load, and opens, clicks and downloads are tracked.${where}</p>
<ul class="mails" id="mails" data-limit="${options.limit}">
${items}
</ul>
<p class="muted" id="empty"${rows.length > 0 ? ' hidden' : ''}>No mail yet. Send a message and it shows up here.</p>
<p class="status" id="status">New mail appears by itself.</p>`,
    script: LIST_SCRIPT,
  });
}

function renderItem(row: DevInboxRow): string {
  return `<li><a href="/dev/inbox/${encodeURIComponent(row.id)}"><span class="subject">${escapeHtml(
    row.subject || '(no subject)',
  )}</span><span class="people">${escapeHtml(people(row.headerFrom, row.headerTo))}</span>${timeElement(
    new Date(row.receivedAt),
  )}</a></li>`;
}

function people(from: string, to: string): string {
  return `${from || '(no sender)'} → ${to || '(no recipients)'}`;
}

// Polls the JSON API while the tab is visible, backs off when the server does not answer, and
// rebuilds the list with the same markup as renderItem, through textContent only (never
// innerHTML: the values are the mails' own). Times are shown in the reader's zone.
const LIST_SCRIPT = `
(() => {
  const list = document.getElementById('mails');
  const empty = document.getElementById('empty');
  const status = document.getElementById('status');
  const limit = Number(list.dataset.limit) || 100;
  const base = ${POLL_SECONDS * 1000};
  let delay = base;
  let shown = ids([...list.querySelectorAll('a')].map((a) => a.getAttribute('href')));

  function ids(values) { return values.join(' '); }
  function localise(root) {
    for (const time of root.querySelectorAll('time')) {
      time.textContent = new Date(time.dateTime).toLocaleString();
      time.title = time.dateTime;
    }
  }
  function span(className, text) {
    const element = document.createElement('span');
    element.className = className;
    element.textContent = text;
    return element;
  }
  function item(mail) {
    const link = document.createElement('a');
    link.href = '/dev/inbox/' + encodeURIComponent(mail.id);
    const time = document.createElement('time');
    time.dateTime = mail.receivedAt;
    link.append(
      span('subject', mail.subject || '(no subject)'),
      span('people', (mail.from || '(no sender)') + ' \\u2192 ' + (mail.to || '(no recipients)')),
      time,
    );
    const li = document.createElement('li');
    li.append(link);
    return li;
  }
  async function poll() {
    if (document.visibilityState === 'visible') {
      try {
        const response = await fetch('/api/v1/dev/inbox?limit=' + limit, {
          headers: { accept: 'application/json' },
          cache: 'no-store',
        });
        if (!response.ok) throw new Error('HTTP ' + response.status);
        const { messages } = await response.json();
        const next = ids(messages.map((mail) => '/dev/inbox/' + encodeURIComponent(mail.id)));
        if (next !== shown) {
          shown = next;
          list.replaceChildren(...messages.map(item));
          localise(list);
          empty.hidden = messages.length > 0;
        }
        delay = base;
        status.textContent = 'New mail appears by itself.';
      } catch {
        delay = Math.min(delay * 2, 60000);
        status.textContent = 'The server does not answer; trying again in ' + delay / 1000 + ' s.';
      }
    }
    setTimeout(poll, delay);
  }
  localise(document);
  setTimeout(poll, delay);
})();
`;
