import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderListPage } from '../../../src/api/dev-inbox/list-page.js';
import { renderMailPage } from '../../../src/api/dev-inbox/mail-page.js';
import { renderNotFoundPage } from '../../../src/api/dev-inbox/page.js';
import { openMail } from '../../../src/dev-inbox/index.js';
import type { DevInboxRow } from '../../../src/store/index.js';

const NONCE = 'bm9uY2Vub25jZW5vbmNl';

/** A caught mail with nothing in its headers: every page falls back on its own words. */
const BLANK_ROW: DevInboxRow = {
  id: '01blank',
  receivedAt: Date.UTC(2026, 10, 27, 10, 0),
  envelopeFrom: '',
  envelopeTo: '[]',
  headerFrom: '',
  headerTo: '',
  subject: '',
  size: 1536,
  blobKey: 'dev-inbox/01blank',
  workspaceId: 'w1',
};

describe('the dev inbox pages', () => {
  it('write the list and its empty state in English', () => {
    const context = { nonce: NONCE, language: 'en' as const };
    const empty = renderListPage(context, [], { limit: 100 });
    assert.ok(empty.includes('<html lang="en">'));
    assert.ok(empty.includes('<p class="muted" id="empty">No mail yet. Send a message'));
    assert.ok(!empty.includes('Other programs can send'), 'no SMTP port, no sentence');
    const one = renderListPage(context, [BLANK_ROW], { limit: 100, smtpPort: 2525 });
    assert.ok(one.includes('<span class="subject">(no subject)</span>'));
    assert.ok(one.includes('<span class="people">(no sender) → (no recipients)</span>'));
    assert.ok(one.includes('SMTP on <code>localhost:2525</code>, but their mail belongs to no'));
    assert.ok(one.includes('id="empty" hidden>'));
  });

  it('write the list and its empty state in Italian', () => {
    const context = { nonce: NONCE, language: 'it' as const };
    const empty = renderListPage(context, [], { limit: 100 });
    assert.ok(empty.includes('<html lang="it">'));
    assert.ok(empty.includes('id="empty">Ancora nessuna email. Invia un messaggio'));
    const one = renderListPage(context, [BLANK_ROW], { limit: 100, smtpPort: 2525 });
    assert.ok(one.includes('<span class="subject">(senza oggetto)</span>'));
    assert.ok(
      one.includes('<span class="people">(nessun mittente) → (nessun destinatario)</span>'),
    );
    assert.ok(one.includes('SMTP a <code>localhost:2525</code>, ma la loro posta non appartiene'));
    assert.ok(one.includes('data-no-recipients="(nessun destinatario)"'));
  });

  it('say when a mail has no header values, no body, or could not be parsed', async () => {
    // A source of one empty line: a mail with no headers and no body.
    const blank = await openMail(Buffer.from('\r\n'));
    const english = renderMailPage({ nonce: NONCE, language: 'en' }, BLANK_ROW, blank);
    assert.ok(english.includes('<h1>(no subject)</h1>'));
    assert.ok(english.includes('<dt>From</dt><dd><span class="muted">(none)</span></dd>'));
    assert.ok(english.includes('<dt>Date</dt><dd><span class="muted">(none)</span></dd>'));
    assert.ok(english.includes('<dt>Size</dt><dd>1.5 KB</dd>'));
    assert.ok(english.includes('<p class="muted">(no body)</p>'));
    const italian = renderMailPage({ nonce: NONCE, language: 'it' }, BLANK_ROW, blank);
    assert.ok(italian.includes('<h1>(senza oggetto)</h1>'));
    assert.ok(italian.includes('<dt>Da</dt><dd><span class="muted">(assente)</span></dd>'));
    assert.ok(italian.includes('<dt>Dimensione</dt><dd>1,5 KB</dd>'));
    assert.ok(italian.includes('<p class="muted">(nessun contenuto)</p>'));
    const unparsed = { ...blank, parsed: false, text: 'From: <b>x' };
    assert.ok(
      renderMailPage({ nonce: NONCE, language: 'it' }, BLANK_ROW, unparsed).includes(
        '<p class="muted">Non è stato possibile leggere questa email; eccone il sorgente.</p>\n<pre>From: &lt;b&gt;x</pre>',
      ),
    );
  });

  it('write the not-found page in the reader’s language', () => {
    const english = renderNotFoundPage({ nonce: NONCE, language: 'en' });
    assert.ok(english.includes('<title>Not found · Dev inbox</title>'));
    assert.ok(english.includes('It is not in the dev inbox. Perhaps the database was reset.'));
    const italian = renderNotFoundPage({ nonce: NONCE, language: 'it' });
    assert.ok(italian.includes('<title>Non trovata · Posta di prova</title>'));
    assert.ok(italian.includes('Non è nella posta di prova. Forse il database è stato azzerato.'));
  });
});
