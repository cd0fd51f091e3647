import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'htmlparser2';
import { LANGUAGES } from '../../../src/i18n/index.js';
import {
  type DownloadPageFile,
  type DownloadPageInput,
  type PrivacyKeeps,
  pageText,
  type RenderedPage,
  renderDownloadPage,
  renderExpiredPage,
  renderNotFoundPage,
  renderOptedOutPage,
  renderPrivacyPage,
  renderResumedPage,
  renderUnavailablePage,
} from '../../../src/tracking/pages/index.js';

const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';

const SENDER = { name: 'Mario Rossi', email: 'mario@acme.it' };
/** What the service keeps by default: the network of the IP, for 365 days. */
const KEEPS: PrivacyKeeps = { ip: 'anonymize', days: 365 };

const HOSTILE_FILE = '"><script>alert(1)</script>.pdf';
const HOSTILE_SUBJECT = 'Offer <img src=x onerror=alert(1)>';
const HOSTILE_NAME = 'O\'Brien "Bob" & Sons';

interface Element {
  name: string;
  attribs: Record<string, string>;
  text: string;
}

/** Every element of a page as a parser sees it, with its text content. */
function elements(html: string): Element[] {
  const found: Element[] = [];
  type Node = { name?: string; attribs?: Record<string, string>; children?: Node[]; data?: string };
  const text = (node: Node): string =>
    node.data !== undefined && !node.name ? node.data : (node.children ?? []).map(text).join('');
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.name && node.attribs) {
        found.push({ name: node.name, attribs: node.attribs, text: text(node) });
      }
      if (node.children) walk(node.children);
    }
  };
  walk(parseDocument(html).children as Node[]);
  return found;
}

/** The page's visible words, tags dropped and entities decoded, whitespace collapsed. */
function words(html: string): string {
  const body = elements(html).find((element) => element.name === 'body');
  assert.ok(body, 'no body');
  return body.text.replace(/\s+/g, ' ').trim();
}

function forms(html: string): Element[] {
  return elements(html).filter((element) => element.name === 'form');
}

function files(count: number): DownloadPageFile[] {
  return [
    { id: 'f1', filename: 'Preventivo 2027.pdf', size: 1_258_291, contentType: 'application/pdf' },
    { id: 'f2', filename: 'planimetria.png', size: 350 * 1024, contentType: 'image/png' },
    {
      id: 'f3',
      filename: 'listino.xlsx',
      size: 20_000,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  ].slice(0, count);
}

function downloadInput(overrides: Partial<DownloadPageInput> = {}): DownloadPageInput {
  return {
    language: 'en',
    nonce: NONCE,
    sender: SENDER,
    subject: 'Quote 2027',
    files: files(3),
    expiresAt: new Date('2026-12-27T10:00:00Z'),
    fileAction: (id) => `/t/d/TOKEN/${id}`,
    allAction: '/t/d/TOKEN/all',
    privacyUrl: '/t/p/PRIVACY',
    ...overrides,
  };
}

/** One of every page, both languages, fed hostile values wherever a value goes. */
function everyPage(): [string, RenderedPage][] {
  const sender = { name: HOSTILE_NAME, email: 'bob@acme.example' };
  return LANGUAGES.flatMap((language): [string, RenderedPage][] => [
    [
      `download ${language}`,
      renderDownloadPage(
        downloadInput({
          language,
          sender,
          subject: HOSTILE_SUBJECT,
          files: [
            { id: 'x', filename: HOSTILE_FILE, size: 10, contentType: 'application/pdf' },
            ...files(1),
          ],
        }),
      ),
    ],
    [
      `expired ${language}`,
      renderExpiredPage({
        language,
        nonce: NONCE,
        sender,
        subject: HOSTILE_SUBJECT,
        reason: 'expired',
        expiredAt: new Date('2026-12-27T10:00:00Z'),
      }),
    ],
    [
      `revoked ${language}`,
      renderExpiredPage({
        language,
        nonce: NONCE,
        sender,
        subject: HOSTILE_SUBJECT,
        reason: 'revoked',
      }),
    ],
    [
      `privacy ${language}`,
      renderPrivacyPage({
        language,
        nonce: NONCE,
        sender,
        workspaceName: `${HOSTILE_NAME} <script>`,
        subject: HOSTILE_SUBJECT,
        optedOut: false,
        optOutAction: '/t/p/PRIVACY',
        resumeAction: '/t/p/PRIVACY/resume',
        tracks: { opens: true, clicks: true, downloads: true },
        keeps: KEEPS,
      }),
    ],
    [
      `privacy opted out ${language}`,
      renderPrivacyPage({
        language,
        nonce: NONCE,
        sender,
        workspaceName: `${HOSTILE_NAME} <script>`,
        subject: HOSTILE_SUBJECT,
        optedOut: true,
        optOutAction: '/t/p/PRIVACY',
        resumeAction: '/t/p/PRIVACY/resume',
        tracks: { opens: true, clicks: true, downloads: true },
        keeps: KEEPS,
      }),
    ],
    [
      `resumed ${language}`,
      renderResumedPage({
        language,
        nonce: NONCE,
        sender,
        workspaceName: `${HOSTILE_NAME} <script>`,
        at: new Date('2026-12-27T10:00:00Z'),
      }),
    ],
    [
      `opted out ${language}`,
      renderOptedOutPage({
        language,
        nonce: NONCE,
        sender,
        workspaceName: `${HOSTILE_NAME} <script>`,
        at: new Date('2026-12-27T10:00:00Z'),
      }),
    ],
    [`not found ${language}`, renderNotFoundPage({ language, nonce: NONCE })],
    [`unavailable ${language}`, renderUnavailablePage({ language, nonce: NONCE })],
  ]);
}

describe('every recipient page', () => {
  for (const [name, page] of everyPage()) {
    describe(name, () => {
      it('sends a CSP with its nonce, and the <style> carries the same one', () => {
        assert.equal(
          page.csp,
          `default-src 'none'; style-src 'nonce-${NONCE}'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
        );
        const styles = elements(page.html).filter((element) => element.name === 'style');
        assert.equal(styles.length, 1);
        assert.equal(styles[0]!.attribs.nonce, NONCE);
      });

      it('has no script at all, and nothing loaded from elsewhere', () => {
        assert.doesNotMatch(page.html, /<script/i);
        // `onerror=` may only survive as escaped text, never as an attribute of a real tag.
        assert.doesNotMatch(page.html, /<img/i);
        for (const element of elements(page.html)) {
          for (const attribute of Object.keys(element.attribs)) {
            assert.doesNotMatch(attribute, /^on/i, `${element.name} ${attribute}`);
          }
        }
        for (const match of page.html.matchAll(/onerror=/gi)) {
          assert.equal(page.html.slice(match.index - 14, match.index), '&lt;img src=x ');
        }
        for (const element of elements(page.html)) {
          for (const attribute of ['src', 'href']) {
            const value = element.attribs[attribute];
            if (value === undefined) continue;
            assert.match(value, /^(?:\/|mailto:|data:,$)/, `${element.name} ${attribute}=${value}`);
          }
        }
      });

      it('is a whole document with a language, a viewport and a main landmark', () => {
        const html = elements(page.html).find((element) => element.name === 'html');
        assert.equal(html?.attribs.lang, name.endsWith(' it') ? 'it' : 'en');
        assert.ok(page.html.startsWith('<!doctype html>'));
        const all = elements(page.html);
        assert.equal(all.filter((element) => element.name === 'main').length, 1);
        assert.equal(all.filter((element) => element.name === 'h1').length, 1);
        assert.ok(all.some((element) => element.name === 'title' && element.text.trim()));
        assert.ok(
          all.some((element) => element.name === 'meta' && element.attribs.name === 'viewport'),
        );
        assert.ok(
          all.some((element) => element.name === 'meta' && element.attribs.name === 'robots'),
        );
      });

      it('escapes every hostile value', () => {
        if (!name.startsWith('not found') && !name.startsWith('unavailable')) {
          assert.ok(page.html.includes('O&#39;Brien &quot;Bob&quot; &amp; Sons'), 'sender name');
          assert.ok(words(page.html).includes(HOSTILE_NAME));
        }
        if (!/^(?:not found|unavailable|opted out|resumed)/.test(name)) {
          assert.ok(page.html.includes('Offer &lt;img src=x onerror=alert(1)&gt;'), 'subject');
          assert.ok(words(page.html).includes(HOSTILE_SUBJECT));
        }
        assert.ok(!elements(page.html).some((element) => element.name === 'img'));
        assert.ok(!elements(page.html).some((element) => element.name === 'script'));
      });

      it('posts every form, each with a real button', () => {
        for (const form of forms(page.html)) {
          assert.equal(form.attribs.method, 'post');
          assert.match(form.attribs.action ?? '', /^\/t\//);
        }
        const buttons = elements(page.html).filter((element) => element.name === 'button');
        assert.equal(buttons.length, forms(page.html).length);
        for (const button of buttons) assert.equal(button.attribs.type, 'submit');
      });
    });
  }

  it('throws on a nonce that could break out of its attribute or header', () => {
    for (const nonce of [
      '',
      'short',
      'a"onload="x"aaaaaaaaaaa',
      "abcdefghijklmnop'; script-src *",
    ]) {
      assert.throws(() => renderNotFoundPage({ language: 'en', nonce }), TypeError);
    }
  });
});

describe('renderDownloadPage', () => {
  it('lists each file with its name, size and kind, and its own POST button', () => {
    const page = renderDownloadPage(downloadInput());
    const text = words(page.html);
    for (const expected of [
      'Preventivo 2027.pdf',
      '1.2 MB',
      'PDF document',
      'planimetria.png',
      '350 KB',
      'Image',
      'listino.xlsx',
      '20 KB',
      'Spreadsheet',
      'Available until 27 December 2026.',
      'From Mario Rossi <mario@acme.it>',
      'Files attached to “Quote 2027”',
      'Download all (zip)',
      '3 files',
    ]) {
      assert.ok(text.includes(expected), `missing ${expected} in ${text}`);
    }
    const actions = forms(page.html).map((form) => form.attribs.action);
    assert.deepEqual(actions, [
      '/t/d/TOKEN/f1',
      '/t/d/TOKEN/f2',
      '/t/d/TOKEN/f3',
      '/t/d/TOKEN/all',
    ]);
  });

  it('names the file in each button for screen readers', () => {
    const page = renderDownloadPage(downloadInput());
    const buttons = elements(page.html).filter((element) => element.name === 'button');
    assert.equal(buttons[0]!.text.replace(/\s+/g, ' '), 'Download Preventivo 2027.pdf');
  });

  it('never offers a download as a link', () => {
    const page = renderDownloadPage(downloadInput());
    const links = elements(page.html).filter((element) => element.name === 'a');
    assert.deepEqual(
      links.map((link) => link.attribs.href),
      ['/t/p/PRIVACY'],
    );
  });

  it('shows the zip button only with several files', () => {
    const one = renderDownloadPage(downloadInput({ files: files(1), allAction: '/t/d/TOKEN/all' }));
    assert.deepEqual(
      forms(one.html).map((form) => form.attribs.action),
      ['/t/d/TOKEN/f1'],
    );
    assert.ok(!words(one.html).includes('zip'));
    assert.ok(words(one.html).includes('File attached to “Quote 2027”'));
    const noAll = renderDownloadPage(downloadInput({ allAction: undefined }));
    assert.equal(forms(noAll.html).length, 3);
    const two = renderDownloadPage(downloadInput({ files: files(2), language: 'it' }));
    assert.equal(forms(two.html).length, 3);
    assert.ok(words(two.html).includes('Scarica tutti (zip)'));
  });

  it('speaks Italian', () => {
    const page = renderDownloadPage(downloadInput({ language: 'it', subject: 'Preventivo 2027' }));
    const text = words(page.html);
    for (const expected of [
      'Allegati all’email «Preventivo 2027»',
      'Disponibili fino al 27 dicembre 2026.',
      'Da Mario Rossi <mario@acme.it>',
      '1,2 MB',
      'Documento PDF',
      'Immagine',
      'Foglio di calcolo',
      'Scarica',
      '3 file',
      'Il mittente viene avvisato quando scarichi un file.',
    ]) {
      assert.ok(text.includes(expected), `missing ${expected} in ${text}`);
    }
    const one = words(
      renderDownloadPage(
        downloadInput({
          language: 'it',
          files: files(1),
          expiresAt: new Date('2026-03-08T12:00:00Z'),
        }),
      ).html,
    );
    assert.ok(one.includes('Disponibile fino all’8 marzo 2026.'), one);
    assert.ok(one.includes('Allegato all’email'), one);
  });

  it('writes the expiry in the given time zone', () => {
    const late = new Date('2026-12-27T23:30:00Z');
    assert.ok(
      words(renderDownloadPage(downloadInput({ expiresAt: late })).html).includes('27 December'),
    );
    const rome = renderDownloadPage(downloadInput({ expiresAt: late, timeZone: 'Europe/Rome' }));
    assert.ok(words(rome.html).includes('Available until 28 December 2026.'));
  });

  it('warns that a file would run as a program, whatever type was declared', () => {
    const page = renderDownloadPage(
      downloadInput({
        files: [{ id: 'e', filename: 'invoice.pdf.exe', size: 1, contentType: 'application/pdf' }],
      }),
    );
    assert.ok(words(page.html).includes('Program: open it only if you were expecting it'));
    assert.ok(!words(page.html).includes('PDF document'));
  });

  it('falls back on the declared type when the name has no extension', () => {
    const page = renderDownloadPage(
      downloadInput({ files: [{ id: 'n', filename: 'scan', size: 1, contentType: 'image/jpeg' }] }),
    );
    assert.ok(words(page.html).includes('Image'));
  });

  it('leaves the privacy line out when the copy is not tracked', () => {
    const page = renderDownloadPage(downloadInput({ privacyUrl: undefined }));
    assert.ok(!elements(page.html).some((element) => element.name === 'footer'));
    assert.ok(!words(page.html).includes('The sender is told'));
  });

  it('escapes the file actions', () => {
    const page = renderDownloadPage(
      downloadInput({ fileAction: (id) => `/t/d/a"b<c>/${id}`, allAction: '/t/d/"all"' }),
    );
    assert.ok(page.html.includes('action="/t/d/a&quot;b&lt;c&gt;/f1"'));
    assert.deepEqual(forms(page.html)[3]!.attribs.action, '/t/d/"all"');
  });

  it('escapes a hostile file name in the list and in the button', () => {
    const page = renderDownloadPage(
      downloadInput({
        files: [{ id: 'x', filename: HOSTILE_FILE, size: 1, contentType: 'application/pdf' }],
      }),
    );
    const escaped = '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;.pdf';
    assert.equal(page.html.split(escaped).length - 1, 2);
    assert.doesNotMatch(page.html, /<script/i);
  });
});

describe('renderExpiredPage', () => {
  function mailto(page: RenderedPage): URL {
    const link = elements(page.html).find(
      (element) => element.name === 'a' && element.attribs.class === 'button',
    );
    assert.ok(link, 'no reply button');
    return new URL(link.attribs.href!);
  }

  it('says the link expired and when, in both languages', () => {
    const at = new Date('2026-12-27T10:00:00Z');
    const input = { nonce: NONCE, sender: SENDER, subject: 'Quote', reason: 'expired' as const };
    const en = words(renderExpiredPage({ ...input, language: 'en', expiredAt: at }).html);
    assert.ok(en.includes('This download link has expired'), en);
    assert.ok(en.includes('the link expired on 27 December 2026.'), en);
    assert.ok(en.includes('ask Mario Rossi to send them again'), en);
    assert.ok(en.includes('Write to Mario Rossi'), en);
    assert.ok(en.includes('mario@acme.it'), en);
    const it = words(renderExpiredPage({ ...input, language: 'it', expiredAt: at }).html);
    assert.ok(it.includes('Il link per scaricare gli allegati è scaduto'), it);
    assert.ok(it.includes('il link è scaduto il 27 dicembre 2026.'), it);
    assert.ok(it.includes('chiedi a Mario Rossi di inviarteli di nuovo'), it);
    assert.ok(it.includes('Scrivi a Mario Rossi'), it);
    const eighth = words(
      renderExpiredPage({ ...input, language: 'it', expiredAt: new Date('2026-08-11T10:00:00Z') })
        .html,
    );
    assert.ok(eighth.includes('è scaduto l’11 agosto 2026.'), eighth);
    const undated = words(renderExpiredPage({ ...input, language: 'en' }).html);
    assert.ok(undated.includes('for a limited time only, and that time is over.'), undated);
  });

  it('says the sender withdrew the files', () => {
    const input = { nonce: NONCE, sender: SENDER, subject: 'Quote', reason: 'revoked' as const };
    const en = words(renderExpiredPage({ ...input, language: 'en' }).html);
    assert.ok(en.includes('The sender has withdrawn these files'), en);
    assert.ok(!en.includes('expired'), en);
    const it = words(renderExpiredPage({ ...input, language: 'it' }).html);
    assert.ok(it.includes('Il mittente ha ritirato gli allegati'), it);
  });

  it('prefills a reply in a well-formed mailto link', () => {
    const subject = 'Q&A? 50% off #1 = "yes" <b> +more';
    const page = renderExpiredPage({
      language: 'en',
      nonce: NONCE,
      sender: SENDER,
      subject,
      reason: 'expired',
    });
    const url = mailto(page);
    assert.equal(url.protocol, 'mailto:');
    assert.equal(url.pathname, 'mario@acme.it');
    assert.deepEqual([...url.searchParams.keys()], ['subject']);
    assert.equal(url.searchParams.get('subject'), `Re: ${subject}`);
    assert.ok(page.html.includes('href="mailto:mario@acme.it?subject=Re%3A%20Q%26A%3F%2050%25'));
  });

  it('keeps the hostile subject out of the markup and out of extra mailto headers', () => {
    const subject = 'Hi"><script>x</script>\r\nBcc: evil@example.com&body=hello';
    const page = renderExpiredPage({
      language: 'it',
      nonce: NONCE,
      sender: { name: HOSTILE_NAME, email: 'bob@acme.example' },
      subject,
      reason: 'revoked',
    });
    assert.doesNotMatch(page.html, /<script/i);
    const url = mailto(page);
    assert.deepEqual([...url.searchParams.keys()], ['subject']);
    assert.equal(
      url.searchParams.get('subject'),
      'R: Hi"><script>x</script> Bcc: evil@example.com&body=hello',
    );
  });

  it('does not stack reply prefixes, and leaves out an empty subject', () => {
    const base = {
      language: 'en' as const,
      nonce: NONCE,
      sender: SENDER,
      reason: 'expired' as const,
    };
    assert.equal(
      mailto(renderExpiredPage({ ...base, subject: 'RE: Quote' })).searchParams.get('subject'),
      'RE: Quote',
    );
    const none = renderExpiredPage({ ...base, subject: '  ' });
    assert.equal(mailto(none).href, 'mailto:mario@acme.it');
    assert.ok(words(none.html).includes('(no subject)'));
  });

  it('names an unnamed sender by address', () => {
    const page = renderExpiredPage({
      language: 'en',
      nonce: NONCE,
      sender: { name: null, email: 'info@acme.it' },
      subject: 'Quote',
      reason: 'expired',
    });
    assert.ok(words(page.html).includes('Write to info@acme.it'));
    assert.equal(mailto(page).pathname, 'info@acme.it');
  });
});

describe('renderPrivacyPage', () => {
  const base = {
    nonce: NONCE,
    sender: SENDER,
    workspaceName: 'Acme Srl',
    subject: 'Quote 2027',
    optedOut: false,
    optOutAction: '/t/p/PRIVACY',
    resumeAction: '/t/p/PRIVACY/resume',
    tracks: { opens: true, clicks: true, downloads: true },
    keeps: KEEPS,
  };

  it('explains what, why, who and how long, and offers one button (en)', () => {
    const page = renderPrivacyPage({ ...base, language: 'en' });
    const text = words(page.html);
    for (const expected of [
      'Tracking in this email',
      'that you opened it',
      'which of its links you clicked',
      'which of its attachments you downloaded',
      'the type of device and email program',
      'your IP address shortened to its network (/24 for IPv4, /48 for IPv6)',
      'Your location is never recorded.',
      'reached you and was read',
      'Acme Srl, who sent you the email',
      'Mario Rossi (mario@acme.it)',
      'The records are kept for 365 days and then deleted.',
      'also for the emails from Acme Srl that you have already received',
      'Stop tracking me',
    ]) {
      assert.ok(text.includes(expected), `missing ${expected} in ${text}`);
    }
    assert.deepEqual(
      forms(page.html).map((form) => [form.attribs.method, form.attribs.action]),
      [['post', '/t/p/PRIVACY']],
    );
  });

  it('explains the same in Italian', () => {
    const text = words(renderPrivacyPage({ ...base, language: 'it' }).html);
    for (const expected of [
      'Il tracciamento in questa email',
      'L’email «Quote 2027» fa sapere al mittente:',
      'che l’hai aperta',
      'su quali dei suoi link hai fatto clic',
      'quali dei suoi allegati hai scaricato',
      'La tua posizione non viene mai registrata.',
      'I dati vengono conservati per 365 giorni e poi cancellati.',
      'Acme Srl, che ti ha inviato l’email',
      'anche per le email di Acme Srl che hai già ricevuto',
      'Non tracciarmi più',
    ]) {
      assert.ok(text.includes(expected), `missing ${expected} in ${text}`);
    }
  });

  /** The IP sentence each TRACKING_IP mode must show, and what it must never say. */
  const IP_SENTENCES = {
    en: {
      anonymize:
        'and your IP address shortened to its network (/24 for IPv4, /48 for IPv6), so that it is only approximate.',
      full: 'and your IP address in full.',
      none: 'Your IP address is not recorded, nor is your location.',
    },
    it: {
      anonymize:
        'e il tuo indirizzo IP, accorciato alla sua rete (/24 per IPv4, /48 per IPv6) in modo che sia solo approssimativo.',
      full: 'e il tuo indirizzo IP completo.',
      none: 'Il tuo indirizzo IP non viene registrato, né la tua posizione.',
    },
  } as const;

  for (const language of LANGUAGES) {
    for (const ip of ['anonymize', 'full', 'none'] as const) {
      it(`says what TRACKING_IP=${ip} keeps of the IP address, and nothing else (${language})`, () => {
        const text = words(renderPrivacyPage({ ...base, language, keeps: { ip, days: 30 } }).html);
        const sentences = IP_SENTENCES[language];
        assert.ok(text.includes(sentences[ip]), `missing ${sentences[ip]} in ${text}`);
        for (const other of ['anonymize', 'full', 'none'] as const) {
          if (other !== ip) assert.ok(!text.includes(sentences[other]), `${other} in ${text}`);
        }
        // Shortened only when it is: a whole or absent address is never called approximate.
        assert.equal(/approximate|approssimativ/.test(text), ip === 'anonymize', text);
        assert.equal(/\/24|\/48/.test(text), ip === 'anonymize', text);
      });
    }
  }

  it('states the retention period EVENT_RETENTION_DAYS sets, in both languages', () => {
    const text = (language: 'en' | 'it', days: number) =>
      words(renderPrivacyPage({ ...base, language, keeps: { ip: 'anonymize', days } }).html);
    assert.ok(text('en', 30).includes('The records are kept for 30 days and then deleted.'));
    assert.ok(text('en', 1).includes('The records are kept for 1 day and then deleted.'));
    assert.ok(
      text('it', 730).includes('I dati vengono conservati per 730 giorni e poi cancellati.'),
    );
    assert.ok(text('it', 1).includes('I dati vengono conservati per 1 giorno e poi cancellati.'));
    for (const language of LANGUAGES) {
      assert.doesNotMatch(text(language, 30), /limited time|periodo limitato/);
    }
  });

  it('lists only what this copy tracks', () => {
    const text = words(
      renderPrivacyPage({
        ...base,
        language: 'en',
        tracks: { opens: true, clicks: false, downloads: false },
      }).html,
    );
    assert.ok(text.includes('that you opened it'));
    assert.ok(!text.includes('links you clicked'));
    assert.ok(!text.includes('attachments you downloaded'));
    const nothing = words(
      renderPrivacyPage({
        ...base,
        language: 'en',
        tracks: { opens: false, clicks: false, downloads: false },
      }).html,
    );
    assert.ok(nothing.includes('This email records nothing'), nothing);
  });

  it('says so when already opted out, and offers only the way back: track me again', () => {
    for (const language of LANGUAGES) {
      const page = renderPrivacyPage({ ...base, language, optedOut: true });
      assert.deepEqual(
        forms(page.html).map((form) => [form.attribs.method, form.attribs.action]),
        [['post', '/t/p/PRIVACY/resume']],
      );
      const text = words(page.html);
      const expected =
        language === 'en'
          ? ['You have already stopped tracking', 'Only you can undo your choice', 'Track me again']
          : [
              'Hai già disattivato il tracciamento',
              'Solo tu puoi annullare la tua scelta',
              'Tracciami di nuovo',
            ];
      for (const sentence of expected) assert.ok(text.includes(sentence), `${sentence}: ${text}`);
      assert.ok(!text.includes(language === 'en' ? 'Stop tracking me' : 'Non tracciarmi più'));
      // A box a person ticks, inside the form: a scanner posting the form leaves it out.
      const box = elements(page.html).find((element) => element.name === 'input');
      assert.deepEqual(
        [
          box?.attribs.type,
          box?.attribs.name,
          box?.attribs.value,
          'required' in (box?.attribs ?? {}),
        ],
        ['checkbox', 'confirm', 'yes', true],
      );
      const label = elements(page.html).find((element) => element.name === 'label');
      assert.match(label?.text ?? '', language === 'en' ? /Yes, I want/ : /Sì, voglio/);
      assert.ok(!page.html.includes('role="alert"'));
    }
  });

  it('asks for the box to be ticked when the button came without it', () => {
    for (const language of LANGUAGES) {
      const page = renderPrivacyPage({
        ...base,
        language,
        optedOut: true,
        resumeUnconfirmed: true,
      });
      const alert = elements(page.html).find((element) => element.attribs.role === 'alert');
      assert.ok(alert, language);
      assert.match(
        words(page.html),
        language === 'en' ? /Tick the box first to confirm/ : /Prima spunta la casella/,
      );
    }
  });

  it('escapes the opt-out action', () => {
    const page = renderPrivacyPage({ ...base, language: 'en', optOutAction: '/t/p/"><x' });
    assert.ok(page.html.includes('action="/t/p/&quot;&gt;&lt;x"'));
    assert.equal(forms(page.html)[0]!.attribs.action, '/t/p/"><x');
  });
});

describe('renderResumedPage', () => {
  it('confirms tracking is back, since when, and how to stop it again', () => {
    const input = {
      nonce: NONCE,
      sender: SENDER,
      workspaceName: 'Acme Srl',
      at: new Date('2026-12-27T14:05:00Z'),
    };
    const en = words(renderResumedPage({ ...input, language: 'en' }).html);
    assert.ok(en.includes('Done: tracking is on again'), en);
    assert.ok(en.includes('As of 27 December 2026 at 14:05 UTC, Acme Srl is told again'), en);
    assert.ok(en.includes('stop it again at any time'), en);
    const it = words(renderResumedPage({ ...input, language: 'it' }).html);
    assert.ok(it.includes('Fatto: il tracciamento è di nuovo attivo'), it);
    assert.ok(it.includes('Dal 27 dicembre 2026 alle 14:05 UTC Acme Srl torna a sapere'), it);
    assert.equal(forms(renderResumedPage({ ...input, language: 'en' }).html).length, 0);
  });
});

describe('pageText', () => {
  it('reads a page as its reader does: one line per block, buttons bracketed, entities decoded', () => {
    const page = renderPrivacyPage({
      nonce: NONCE,
      sender: { name: HOSTILE_NAME, email: 'bob@acme.example' },
      workspaceName: 'Acme & Figli',
      subject: HOSTILE_SUBJECT,
      optedOut: false,
      optOutAction: '/t/p/PRIVACY',
      resumeAction: '/t/p/PRIVACY/resume',
      tracks: { opens: true, clicks: false, downloads: false },
      keeps: KEEPS,
      language: 'it',
    });
    const lines = pageText(page.html).split('\n');
    assert.equal(lines[0], 'Acme & Figli');
    assert.ok(lines.includes('Il tracciamento in questa email'), lines.join('\n'));
    assert.ok(lines.includes('[Non tracciarmi più]'), lines.join('\n'));
    assert.ok(
      lines.some((line) => line.includes(HOSTILE_SUBJECT)),
      'the subject as plain text',
    );
    assert.ok(!pageText(page.html).includes('<'.concat('style')), 'no style sheet');
    assert.ok(!/^\s|\s$/.test(pageText(page.html)));
    for (const line of lines) assert.doesNotMatch(line, /\s{2}|&amp;|&lt;/);
  });
});

describe('renderOptedOutPage', () => {
  it('confirms, with the time recorded, and that links keep working', () => {
    const input = {
      nonce: NONCE,
      sender: SENDER,
      workspaceName: 'Acme Srl',
      at: new Date('2026-12-27T14:05:00Z'),
    };
    const en = words(renderOptedOutPage({ ...input, language: 'en' }).html);
    assert.ok(en.includes('Done: you are no longer tracked'), en);
    assert.ok(en.includes('As of 27 December 2026 at 14:05 UTC, nothing more is recorded'), en);
    assert.ok(en.includes('emails from Acme Srl'), en);
    assert.ok(en.includes('keep working'), en);
    const it = words(renderOptedOutPage({ ...input, language: 'it' }).html);
    assert.ok(it.includes('Fatto: il tracciamento è disattivato'), it);
    assert.ok(
      it.includes('Dal 27 dicembre 2026 alle 14:05 UTC non viene più registrato nulla'),
      it,
    );
    assert.ok(it.includes('continuano a funzionare'), it);
    const first = words(
      renderOptedOutPage({ ...input, language: 'it', at: new Date('2027-01-01T00:00:00Z') }).html,
    );
    assert.ok(first.includes('Dal 1° gennaio 2027 alle 00:00 UTC'), first);
    const eighth = words(
      renderOptedOutPage({ ...input, language: 'it', at: new Date('2027-03-08T09:30:00Z') }).html,
    );
    assert.ok(eighth.includes('Dall’8 marzo 2027 alle 09:30 UTC'), eighth);
    const rome = words(
      renderOptedOutPage({ ...input, language: 'en', timeZone: 'Europe/Rome' }).html,
    );
    assert.ok(rome.includes('27 December 2026 at 15:05 Europe/Rome'), rome);
  });

  it('carries the exact instant in a <time> element', () => {
    const page = renderOptedOutPage({
      language: 'en',
      nonce: NONCE,
      sender: SENDER,
      workspaceName: 'Acme Srl',
      at: new Date('2026-12-27T14:05:00Z'),
    });
    const time = elements(page.html).find((element) => element.name === 'time');
    assert.equal(time?.attribs.datetime, '2026-12-27T14:05:00.000Z');
    assert.equal(forms(page.html).length, 0);
  });
});

describe('renderNotFoundPage', () => {
  it('is calm and gives no details', () => {
    const en = words(renderNotFoundPage({ language: 'en', nonce: NONCE }).html);
    assert.ok(en.startsWith('This link doesn’t work'), en);
    assert.doesNotMatch(en, /token|error|invalid|forged|database/i);
    const it = words(renderNotFoundPage({ language: 'it', nonce: NONCE }).html);
    assert.ok(it.startsWith('Questo link non funziona'), it);
  });
});

describe('a copy with missing facts', () => {
  const nobody = { name: null, email: '' };

  it('leaves out the expiry line when the links never expire', () => {
    const page = renderDownloadPage(downloadInput({ expiresAt: new Date(Number.NaN) }));
    assert.ok(!words(page.html).includes('Available until'));
    assert.equal(forms(page.html).length, 4);
  });

  it('leaves out what it cannot say about a sender with no name and no address', () => {
    const download = renderDownloadPage(downloadInput({ sender: nobody }));
    assert.ok(!elements(download.html).some((element) => element.name === 'header'));
    const expired = renderExpiredPage({
      language: 'it',
      nonce: NONCE,
      sender: nobody,
      subject: 'Preventivo',
      reason: 'expired',
      expiredAt: new Date(Number.NaN),
    });
    assert.ok(words(expired.html).includes('chiedi al mittente di inviarteli di nuovo'));
    assert.ok(!elements(expired.html).some((element) => element.name === 'a'));
    const privacy = renderPrivacyPage({
      language: 'en',
      nonce: NONCE,
      sender: nobody,
      workspaceName: 'Acme Srl',
      subject: 'Quote',
      optedOut: false,
      optOutAction: '/t/p/PRIVACY',
      resumeAction: '/t/p/PRIVACY/resume',
      tracks: { opens: true, clicks: true, downloads: true },
      keeps: KEEPS,
    });
    const text = words(privacy.html);
    assert.ok(text.includes('the person who wrote it'), text);
    assert.ok(text.includes('or to have it deleted, write to Acme Srl.'), text);
    assert.ok(!elements(privacy.html).some((element) => element.name === 'a'));
    const done = renderOptedOutPage({
      language: 'en',
      nonce: NONCE,
      sender: nobody,
      workspaceName: 'Acme Srl',
      at: new Date('2026-12-27T14:05:00Z'),
    });
    assert.ok(!words(done.html).includes('write to'));
  });
});

describe('renderUnavailablePage', () => {
  it('says the link is fine and to try again', () => {
    const en = words(renderUnavailablePage({ language: 'en', nonce: NONCE }).html);
    assert.ok(en.includes('try again in a few minutes'), en);
    const it = words(renderUnavailablePage({ language: 'it', nonce: NONCE }).html);
    assert.ok(it.includes('Riprova tra qualche minuto.'), it);
  });
});
