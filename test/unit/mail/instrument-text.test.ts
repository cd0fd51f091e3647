import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type InstrumentOptions, instrumentMail } from '../../../src/mail/instrument/index.js';

const clickUrl: InstrumentOptions['clickUrl'] = ({ index }) => `https://t.mb.test/c/${index}`;

function rewrite(text: string, options: InstrumentOptions = {}) {
  return instrumentMail({ text }, { clickUrl, ...options });
}

describe('instrumentMail text part', () => {
  const cases: [string, string, string[]][] = [
    ['Read https://a.example/post.', 'Read https://t.mb.test/c/0.', ['https://a.example/post']],
    [
      'Links: https://a.example/1, https://a.example/2; https://a.example/3!',
      'Links: https://t.mb.test/c/0, https://t.mb.test/c/1; https://t.mb.test/c/2!',
      ['https://a.example/1', 'https://a.example/2', 'https://a.example/3'],
    ],
    ['(see https://a.example/page)', '(see https://t.mb.test/c/0)', ['https://a.example/page']],
    [
      'Wiki: https://en.wikipedia.example/wiki/Mole_(unit).',
      'Wiki: https://t.mb.test/c/0.',
      ['https://en.wikipedia.example/wiki/Mole_(unit)'],
    ],
    [
      '(https://en.wikipedia.example/wiki/Mole_(unit))',
      '(https://t.mb.test/c/0)',
      ['https://en.wikipedia.example/wiki/Mole_(unit)'],
    ],
    ['<https://a.example/angle>', '<https://t.mb.test/c/0>', ['https://a.example/angle']],
    ['"https://a.example/q"', '"https://t.mb.test/c/0"', ['https://a.example/q']],
    ['[docs](https://a.example/docs)', '[docs](https://t.mb.test/c/0)', ['https://a.example/docs']],
    ['Really? https://a.example/?', 'Really? https://t.mb.test/c/0?', ['https://a.example/']],
    [
      'https://a.example/s?q=1&r=2#frag…',
      'https://t.mb.test/c/0…',
      ['https://a.example/s?q=1&r=2#frag'],
    ],
    ['HTTP://A.EXAMPLE/UP', 'https://t.mb.test/c/0', ['HTTP://A.EXAMPLE/UP']],
    ['https://bücher.example/neu', 'https://t.mb.test/c/0', ['https://bücher.example/neu']],
    [
      'line end https://a.example/x\r\nnext',
      'line end https://t.mb.test/c/0\r\nnext',
      ['https://a.example/x'],
    ],
  ];
  for (const [input, output, links] of cases) {
    it(`rewrites ${JSON.stringify(input)}`, () => {
      const result = rewrite(input);
      assert.equal(result.text, output);
      assert.deepEqual(
        result.links.map((link) => link.url),
        links,
      );
    });
  }

  const untouched = [
    'Write to mailto:someone@example.com or call tel:+390212345678.',
    'Not a URL: xhttps://a.example/ nor https:// alone, nor ftp://a.example/.',
    'Profile: https://app.example/u/{{ user.id }}/prefs',
    'Profile: https://app.example/u/{{user.id}}',
    'Unsubscribe: https://example.us1.list-manage.com/unsubscribe?u=*|UNIQID|*',
    'Reset: https://app.example/reset/<%= token %>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder, on purpose.
    'View: https://app.example/v/${id}',
    'Confirm: https://app.example/c?t=[[token]]',
    'SFMC: https://click.example/?qs=%%=v(@qs)=%%',
    'Encoded: https://app.example/u/%7B%7Bid%7D%7D',
  ];
  for (const text of untouched) {
    it(`leaves ${JSON.stringify(text)} alone`, () => {
      const result = rewrite(text);
      assert.equal(result.text, text);
      assert.deepEqual(result.links, []);
    });
  }

  it('gives a URL in html and text one index, html first', () => {
    const result = instrumentMail(
      {
        html: '<a href="https://a.example/?x=1&amp;y=2">one</a> <a href="https://a.example/two">two</a>',
        text: 'two: https://a.example/two\none: https://a.example/?x=1&y=2\nthree: https://a.example/3',
      },
      { clickUrl },
    );
    assert.deepEqual(result.links, [
      { index: 0, url: 'https://a.example/?x=1&y=2' },
      { index: 1, url: 'https://a.example/two' },
      { index: 2, url: 'https://a.example/3' },
    ]);
    assert.equal(
      result.text,
      'two: https://t.mb.test/c/1\none: https://t.mb.test/c/0\nthree: https://t.mb.test/c/2',
    );
  });

  it('lists the links but changes nothing without clickUrl', () => {
    const text = 'Go to https://a.example/page.';
    const result = instrumentMail({ text }, {});
    assert.equal(result.text, text);
    assert.deepEqual(result.links, [{ index: 0, url: 'https://a.example/page' }]);
  });

  it('appends the download block and the notice as text, without pixel or honeypot', () => {
    const result = instrumentMail(
      { text: 'Hello,\nthe files are below.\n' },
      {
        clickUrl,
        pixelUrl: 'https://t.mb.test/o/pixel',
        honeypotUrl: 'https://t.mb.test/h/honeypot',
        download: {
          url: 'https://t.mb.test/d/download',
          files: [
            { filename: 'offer.pdf', size: 1_258_291 },
            { filename: 'evil\nname.txt', size: 512 },
          ],
          expiresAt: new Date('2026-12-27T12:00:00Z'),
          language: 'en',
        },
        privacyNotice: { url: 'https://t.mb.test/p/privacy', language: 'en' },
      },
    );
    assert.equal(
      result.text,
      [
        'Hello,',
        'the files are below.',
        '',
        '2 attachments:',
        '- offer.pdf (1.2 MB)',
        '- evil name.txt (512 bytes)',
        'Download attachments: https://t.mb.test/d/download',
        'The link expires on 27 December 2026.',
        '',
        'This email lets the sender know when it is opened, when its links are clicked and when its attachments are downloaded. Stop tracking: https://t.mb.test/p/privacy',
        '',
      ].join('\n'),
    );
    assert.deepEqual(result.links, []);
  });

  it('writes the blocks in Italian with the part’s own CRLF line endings', () => {
    const result = instrumentMail(
      { text: 'Ciao,\r\necco il file: https://a.example/f' },
      {
        clickUrl,
        download: {
          url: 'https://t.mb.test/d/x',
          files: [{ filename: 'preventivo.pdf', size: 1_258_291 }],
          expiresAt: new Date('2027-01-01T10:00:00Z'),
          language: 'it',
        },
        privacyNotice: { url: 'https://t.mb.test/p/x', language: 'it' },
      },
    );
    assert.equal(
      result.text,
      [
        'Ciao,',
        'ecco il file: https://t.mb.test/c/0',
        '',
        '1 allegato:',
        '- preventivo.pdf (1,2 MB)',
        "Scarica l'allegato: https://t.mb.test/d/x",
        'Il link scade il 1° gennaio 2027.',
        '',
        'Questa email comunica al mittente quando viene aperta, quando si fa clic sui suoi link e quando vengono scaricati i suoi allegati. Disattiva il tracciamento: https://t.mb.test/p/x',
        '',
      ].join('\r\n'),
    );
  });

  it('uses the notice text it is given', () => {
    const result = instrumentMail(
      { text: '' },
      {
        privacyNotice: {
          url: 'https://t.mb.test/p/x',
          language: 'en',
          text: 'We count opens.\r\nInjected line',
        },
      },
    );
    assert.equal(
      result.text,
      'We count opens. Injected line Stop tracking: https://t.mb.test/p/x\n',
    );
  });
});
