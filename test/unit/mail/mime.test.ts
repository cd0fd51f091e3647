import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { isValidEmail } from '../../../src/mail/addresses.js';
import {
  formatAddress,
  longestLine,
  MAX_LINE_OCTETS,
  type MailCopy,
  streamMime,
} from '../../../src/mail/mime/index.js';

/** The whole of streamMime's bytes. */
const mimeBytes = (copy: MailCopy) => buffer(streamMime(copy));

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function copy(overrides: Partial<MailCopy> = {}): MailCopy {
  return {
    from: { email: 'sender@example.com', name: 'Sender' },
    to: [{ email: 'anna@example.org', name: 'Anna' }],
    cc: [],
    subject: 'Quarterly report',
    text: 'Hello Anna,\r\nthe report is ready.\r\n',
    attachments: [],
    inline: [],
    messageId: '<copy-1@mailbeacon.test>',
    date: new Date('2026-03-04T05:06:07.000Z'),
    ...overrides,
  };
}

/** A MIME part as a tree: its Content-Type (without parameters) and its children. */
interface Part {
  type: string;
  children: Part[];
}

// A deliberately small MIME walker, independent of mailparser, so the tests see the nesting
// that mailparser flattens away.
function mimeTree(source: string): Part {
  const split = source.indexOf('\r\n\r\n');
  const head = (split === -1 ? source : source.slice(0, split)).replace(/\r\n[ \t]+/g, ' ');
  const body = split === -1 ? '' : source.slice(split + 4);
  const contentType = /^content-type:\s*([^\r\n]*)/im.exec(head)?.[1] ?? 'text/plain';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (!type.startsWith('multipart/')) return { type, children: [] };
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  assert.ok(boundary, `no boundary on ${contentType}`);
  const [, ...rest] = body.split(`--${boundary}`);
  const parts = rest.slice(0, -1).map((chunk) => chunk.replace(/^\r\n/, '').replace(/\r\n$/, ''));
  return { type, children: parts.map(mimeTree) };
}

function shape(part: Part): unknown {
  return part.children.length ? { [part.type]: part.children.map(shape) } : part.type;
}

function headerBlock(raw: Buffer): string {
  return raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1');
}

describe('streamMime structure', () => {
  test('text only is a single text/plain part', async () => {
    const raw = await mimeBytes(copy());
    assert.deepEqual(shape(mimeTree(raw.toString('latin1'))), 'text/plain');
    const parsed = await simpleParser(raw);
    assert.equal(parsed.text, 'Hello Anna,\nthe report is ready.\n');
    assert.equal(parsed.html, false);
  });

  test('html and text are a multipart/alternative, text first', async () => {
    const raw = await mimeBytes(copy({ html: '<p>Hello <b>Anna</b></p>' }));
    assert.deepEqual(shape(mimeTree(raw.toString('latin1'))), {
      'multipart/alternative': ['text/plain', 'text/html'],
    });
    const parsed = await simpleParser(raw);
    assert.equal(parsed.html, '<p>Hello <b>Anna</b></p>');
  });

  test('an inline cid image sits in multipart/related beside the html, not as an attachment', async () => {
    const raw = await mimeBytes(
      copy({
        html: '<p>Logo: <img src="cid:logo@mb" alt=""></p>',
        inline: [{ cid: 'logo@mb', filename: 'logo.png', contentType: 'image/png', content: PNG }],
      }),
    );
    assert.deepEqual(shape(mimeTree(raw.toString('latin1'))), {
      'multipart/alternative': ['text/plain', { 'multipart/related': ['text/html', 'image/png'] }],
    });
    const parsed = await simpleParser(raw);
    assert.equal(parsed.attachments.length, 1);
    const image = parsed.attachments[0]!;
    assert.equal(image.cid, 'logo@mb');
    assert.equal(image.related, true);
    assert.equal(image.contentDisposition, 'inline');
    assert.deepEqual(image.content, PNG);
  });

  test('attachments put everything in multipart/mixed, inline images stay related', async () => {
    const pdf = Buffer.from('%PDF-1.4 fake\n');
    const raw = await mimeBytes(
      copy({
        html: '<p><img src="cid:logo@mb"></p>',
        inline: [{ cid: 'logo@mb', filename: 'logo.png', contentType: 'image/png', content: PNG }],
        attachments: [
          { filename: 'Relazione trimestrale è.pdf', contentType: 'application/pdf', content: pdf },
          { filename: 'data.csv', contentType: 'text/csv', content: Buffer.from('a,b\n1,2\n') },
        ],
      }),
    );
    assert.deepEqual(shape(mimeTree(raw.toString('latin1'))), {
      'multipart/mixed': [
        {
          'multipart/alternative': [
            'text/plain',
            { 'multipart/related': ['text/html', 'image/png'] },
          ],
        },
        'application/pdf',
        'text/csv',
      ],
    });
    const parsed = await simpleParser(raw);
    const files = parsed.attachments.filter((a) => !a.related);
    assert.deepEqual(
      files.map((a) => [a.filename, a.contentType, a.contentDisposition]),
      [
        ['Relazione trimestrale è.pdf', 'application/pdf', 'attachment'],
        ['data.csv', 'text/csv', 'attachment'],
      ],
    );
    assert.deepEqual(files[0]!.content, pdf);
  });

  test('attachments with a text body only: multipart/mixed of text and files', async () => {
    const raw = await mimeBytes(
      copy({
        attachments: [
          { filename: 'a.bin', contentType: 'application/octet-stream', content: Buffer.alloc(3) },
        ],
      }),
    );
    assert.deepEqual(shape(mimeTree(raw.toString('latin1'))), {
      'multipart/mixed': ['text/plain', 'application/octet-stream'],
    });
  });
});

describe('streamMime headers', () => {
  test('Bcc never reaches the headers, even if a caller smuggles one in', async () => {
    const smuggled = {
      ...copy({ cc: [{ email: 'carlo@example.org' }] }),
      bcc: [{ email: 'hidden@example.net', name: 'Hidden' }],
    } as MailCopy;
    const raw = await mimeBytes(smuggled);
    const text = raw.toString('latin1');
    assert.doesNotMatch(text, /^bcc:/im);
    assert.doesNotMatch(text, /hidden@example\.net/);
    const parsed = await simpleParser(raw);
    assert.equal(parsed.bcc, undefined);
  });

  test('a Bcc header through headers is refused', async () => {
    assert.throws(() => streamMime(copy({ headers: { Bcc: 'hidden@example.net' } })), {
      name: 'TypeError',
      message: /header Bcc is set by streamMime itself/,
    });
  });

  test('non-ASCII and comma display names and subjects round-trip exactly', async () => {
    const subject = 'Offerta: caffè ☕ — 日本語のテスト, "quoted" & =?not-encoded?=';
    const raw = await mimeBytes(
      copy({
        from: { email: 'mario@example.it', name: 'Mário Rossi' },
        to: [
          { email: 'rossi@example.it', name: 'Rossi, Mario' },
          { email: 'zoe@example.jp', name: 'Zoë 日本' },
        ],
        cc: [{ email: 'nan@example.ie', name: 'Anna "Nan" O\'Brien' }],
        replyTo: { email: 'replies@example.it', name: 'Ufficio Vendite, Milano' },
        subject,
      }),
    );
    // Everything in the header block is 7-bit: RFC 2047 did its job.
    assert.doesNotMatch(headerBlock(raw), /[\u0080-\u00ff]/);
    const parsed = await simpleParser(raw);
    assert.equal(parsed.subject, subject);
    assert.deepEqual(parsed.from?.value, [{ address: 'mario@example.it', name: 'Mário Rossi' }]);
    const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to];
    assert.deepEqual(
      to.flatMap((a) => a?.value ?? []),
      [
        { address: 'rossi@example.it', name: 'Rossi, Mario' },
        { address: 'zoe@example.jp', name: 'Zoë 日本' },
      ],
    );
    const cc = Array.isArray(parsed.cc) ? parsed.cc : [parsed.cc];
    assert.deepEqual(
      cc.flatMap((a) => a?.value ?? []),
      [{ address: 'nan@example.ie', name: 'Anna "Nan" O\'Brien' }],
    );
    assert.deepEqual(parsed.replyTo?.value, [
      { address: 'replies@example.it', name: 'Ufficio Vendite, Milano' },
    ]);
  });

  test('Message-ID and Date are present and exact', async () => {
    const date = new Date('2026-10-29T23:59:58.000Z');
    const raw = await mimeBytes(copy({ messageId: 'abc.123@mailbeacon.test', date }));
    const parsed = await simpleParser(raw);
    assert.equal(parsed.messageId, '<abc.123@mailbeacon.test>');
    assert.equal(parsed.date?.toISOString(), date.toISOString());
    assert.match(headerBlock(raw), /^MIME-Version: 1\.0$/m);
  });

  test('custom headers go out; structural ones and line breaks are refused', async () => {
    const raw = await mimeBytes(
      copy({ headers: { 'List-Unsubscribe': '<https://t.example/u/abc>', 'X-Mailbeacon': '1' } }),
    );
    const parsed = await simpleParser(raw);
    assert.equal(parsed.headers.get('x-mailbeacon'), '1');
    assert.match(headerBlock(raw), /^List-Unsubscribe: <https:\/\/t\.example\/u\/abc>$/m);
    assert.throws(() => streamMime(copy({ headers: { 'Content-Type': 'text/html' } })), TypeError);
    assert.throws(() => streamMime(copy({ headers: { Subject: 'x' } })), TypeError);
    assert.throws(() => streamMime(copy({ headers: { 'X-A': 'a\r\nBcc: x@y.z' } })), {
      message: /line break/,
    });
    assert.throws(() => streamMime(copy({ headers: { 'X A': 'a' } })), {
      message: /header name/,
    });
  });

  test('quoted local parts the API takes are written and read back whole', async () => {
    const addresses = [
      '"a b"@c.com',
      '"a\\"b"@example.org',
      '"Rossi, Mario"@example.it',
      '"é x"@bücher.example',
    ];
    for (const email of addresses) assert.ok(isValidEmail(email), email);
    const raw = await buffer(
      streamMime(
        copy({
          to: addresses.map((email) => ({ email, name: 'Zoë' })),
          cc: [{ email: "o'brien@x.com" }],
        }),
      ),
    );
    const parsed = await simpleParser(raw);
    const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to!];
    assert.deepEqual(
      to.flatMap((list) => list.value.map((entry) => entry.address)),
      addresses,
    );
    assert.match(headerBlock(raw), /<"a b"@c\.com>/);
  });

  test('addresses that would break a header are refused, naming the field', async () => {
    for (const email of ['a@example.org>, evil@example.net', '"a b@c.com', 'a b@c.com', 'a@b']) {
      assert.throws(
        () => streamMime(copy({ to: [{ email }] })),
        (error: Error) => {
          assert.equal(error.name, 'TypeError');
          assert.match(error.message, /to\[0\] email is not a valid address/);
          assert.ok(!error.message.includes(email), 'the message carries no address');
          return true;
        },
      );
    }
    assert.throws(() => streamMime(copy({ from: { email: 'x@y.z', name: 'A\r\nBcc: b@c.d' } })), {
      message: /from name contains a line break/,
    });
  });
});

describe('streamMime line lengths', () => {
  test('no line exceeds 998 octets with a 5,000-character html line and long subjects', async () => {
    const html = `<p>${'Lorem ipsum dolor sit amet, caffè. '.repeat(140).slice(0, 5000)}</p>`;
    const unbroken = `<div>${'x'.repeat(5000)}</div>`;
    const subject = `${'Un oggetto molto lungo, davvero lunghissimo! '.repeat(20)}${'y'.repeat(1200)}`;
    for (const body of [html, unbroken]) {
      const raw = await mimeBytes(copy({ html: body, text: 'z'.repeat(5000), subject }));
      assert.ok(longestLine(raw) <= MAX_LINE_OCTETS, `longest line is ${longestLine(raw)}`);
      const parsed = await simpleParser(raw);
      assert.equal(parsed.html, body);
      assert.equal(parsed.text, 'z'.repeat(5000));
      assert.equal(parsed.subject, subject);
    }
  });

  test('a custom header too long to fold is refused instead of sent broken', async () => {
    await assert.rejects(mimeBytes(copy({ headers: { 'X-Long': 'z'.repeat(1500) } })), {
      name: 'RangeError',
      message: /998-octet limit/,
    });
  });

  test('longestLine counts octets and ignores the CR of CRLF', () => {
    assert.equal(longestLine(Buffer.from('ab\r\nabcd\r\nè\r\n')), 4);
    assert.equal(longestLine(Buffer.from('è'.repeat(3))), 6);
    assert.equal(longestLine(Buffer.alloc(0)), 0);
  });
});

describe('formatAddress', () => {
  test('quotes names with specials, keeps Unicode, escapes quotes', () => {
    assert.equal(formatAddress({ email: 'a@b.c' }), 'a@b.c');
    assert.equal(formatAddress({ email: 'a@b.c', name: '' }), 'a@b.c');
    assert.equal(formatAddress({ email: 'm@b.c', name: 'Mário Rossi' }), 'Mário Rossi <m@b.c>');
    assert.equal(formatAddress({ email: 'm@b.c', name: 'Rossi, Mario' }), '"Rossi, Mario" <m@b.c>');
    assert.equal(
      formatAddress({ email: 'n@b.c', name: 'Anna "Nan" O\'Brien' }),
      '"Anna \\"Nan\\" O\'Brien" <n@b.c>',
    );
    assert.equal(formatAddress({ email: 'z@b.c', name: 'Zoë 日本' }), 'Zoë 日本 <z@b.c>');
  });
});
