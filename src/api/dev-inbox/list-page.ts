import { envelopeRecipients } from '../../dev-inbox/index.js';
import { escapeHtml } from '../../html/index.js';
import { type Language, wording } from '../../i18n/index.js';
import type { DevInboxRow } from '../../store/index.js';
import { type PageContext, renderPage, timeElement } from './page.js';

export interface ListPageOptions {
  /** The page asks the API for this many mails, as it was asked itself. */
  readonly limit: number;
  /** Shown to a newcomer facing an empty inbox: where to send mail. */
  readonly smtpPort?: number;
}

export const POLL_SECONDS = 5;

/** Where the page's script puts the number of seconds in the catalogue's `retrying` line. */
const SECONDS_SLOT = '{seconds}';

export function renderListPage(
  context: PageContext,
  rows: readonly DevInboxRow[],
  options: ListPageOptions,
): string {
  const words = wording(context.language).devInbox;
  const items = rows.map((row) => renderItem(row, context.language)).join('\n');
  const where =
    options.smtpPort === undefined
      ? ''
      : ` ${words.otherSenders(`<code>localhost:${options.smtpPort}</code>`)}`;
  // The script writes items and status lines of its own: it reads their words off the elements.
  const listWords = dataAttributes({
    'no-subject': wording(context.language).pages.noSubject,
    'no-sender': words.noSender,
    'no-recipients': words.noRecipients,
    'delivered-to': words.deliveredTo,
  });
  const statusWords = dataAttributes({ retrying: words.retrying(SECONDS_SLOT) });
  return renderPage(context, {
    // Without the script, the page still refreshes itself, if less politely.
    head: `<noscript><meta http-equiv="refresh" content="${POLL_SECONDS * 2}"></noscript>\n`,
    main: `<h1>${escapeHtml(words.title)}</h1>
<p class="muted">${escapeHtml(words.intro)}${where}</p>
<ul class="mails" id="mails" data-limit="${options.limit}"${listWords}>
${items}
</ul>
<p class="muted" id="empty"${rows.length > 0 ? ' hidden' : ''}>${escapeHtml(words.empty)}</p>
<p class="status" id="status"${statusWords}>${escapeHtml(words.live)}</p>`,
    script: LIST_SCRIPT,
  });
}

/** ` data-name="value"` for each entry, values escaped. */
function dataAttributes(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`)
    .join('');
}

function renderItem(row: DevInboxRow, language: Language): string {
  const words = wording(language);
  const subject = row.subject || words.pages.noSubject;
  const from = row.headerFrom || words.devInbox.noSender;
  const to = row.headerTo || words.devInbox.noRecipients;
  const rcpt = `${words.devInbox.deliveredTo}: ${envelopeRecipients(row.envelopeTo).join(', ')}`;
  return `<li><a href="/dev/inbox/${encodeURIComponent(row.id)}"><span class="subject">${escapeHtml(
    subject,
  )}</span><span class="people">${escapeHtml(`${from} → ${to}`)}</span>${timeElement(
    new Date(row.receivedAt),
  )}<span class="rcpt">${escapeHtml(rcpt)}</span></a></li>`;
}

// Polls the JSON API while the tab is visible, backs off when the server does not answer, and
// rebuilds the list with the same markup as renderItem, through textContent only (never
// innerHTML: the values are the mails' own). Times are shown in the reader's zone and the page's language. Its words
// are the page's own, read from the data attributes renderListPage puts on the elements.
const LIST_SCRIPT = `
(() => {
  const list = document.getElementById('mails');
  const empty = document.getElementById('empty');
  const status = document.getElementById('status');
  const limit = Number(list.dataset.limit) || 100;
  const words = list.dataset;
  const live = status.textContent;
  const base = ${POLL_SECONDS * 1000};
  let delay = base;
  let shown = ids([...list.querySelectorAll('a')].map((a) => a.getAttribute('href')));

  function ids(values) { return values.join(' '); }
  function localise(root) {
    for (const time of root.querySelectorAll('time')) {
      time.textContent = new Date(time.dateTime).toLocaleString(document.documentElement.lang);
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
      span('subject', mail.subject || words.noSubject),
      span('people', (mail.from || words.noSender) + ' \\u2192 ' + (mail.to || words.noRecipients)),
      time,
      span('rcpt', words.deliveredTo + ': ' + mail.rcpt.join(', ')),
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
        status.textContent = live;
      } catch {
        delay = Math.min(delay * 2, 60000);
        status.textContent = status.dataset.retrying.replace('${SECONDS_SLOT}', String(delay / 1000));
      }
    }
    setTimeout(poll, delay);
  }
  localise(document);
  setTimeout(poll, delay);
})();
`;
