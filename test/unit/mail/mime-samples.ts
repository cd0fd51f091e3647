import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { MailCopy } from '../../../src/mail/mime/index.js';

/**
 * Messages whose MIME source was recorded from the buffered builder (`buildMime`, before the
 * MIME writer became a stream): the stream must still write the same bytes for them.
 *
 * Each sample is a function, since a stream content is read once. File contents are
 * pseudo-random but fixed (SHA-256 in counter mode), as bytes or as a stream of chunks of a
 * given size (chunks that cut base64's 3-byte groups and 57-byte lines anywhere).
 */
export interface MimeSample {
  readonly name: string;
  readonly copy: () => MailCopy;
}

/** `size` fixed pseudo-random bytes, the same for the same `seed`. */
export function sampleBytes(seed: string, size: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; i * 32 < size; i++) {
    blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  }
  return Buffer.concat(blocks).subarray(0, size);
}

/** The bytes as a stream of `chunk`-byte pieces (the last one shorter). */
export function chunked(bytes: Buffer, chunk: number): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) pieces.push(bytes.subarray(at, at + chunk));
  return Readable.from(pieces, { objectMode: false });
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const HTML = `<!DOCTYPE html><html><body><p>Ciao <b>Anna</b>, ecco il listino — caffè ☕.</p>
<p><img src="cid:logo@mb" alt="logo"> <img src="cid:firma@mb" alt=""></p>
<p>${'Una riga lunga, molto lunga, senza fine. '.repeat(40)}</p></body></html>
`;
const TEXT = `Ciao Anna,\r\necco il listino — caffè ☕.\r\n${'z'.repeat(1200)}\r\n`;

function base(overrides: Partial<MailCopy>): MailCopy {
  return {
    from: { email: 'mario@example.it', name: 'Mário Rossi' },
    to: [
      { email: 'anna@example.org', name: 'Rossi, Anna' },
      { email: 'zoe@example.jp', name: 'Zoë 日本' },
    ],
    cc: [{ email: 'carlo@example.org' }],
    replyTo: { email: 'vendite@example.it', name: 'Ufficio Vendite, Milano' },
    subject: 'Offerta Q4 — prezzi e condizioni, caffè ☕',
    attachments: [],
    inline: [],
    messageId: '<sample-1@mailbeacon.test>',
    date: new Date('2026-03-04T05:06:07.000Z'),
    ...overrides,
  };
}

// Around base64's boundaries: 3-byte groups, 57-byte (76-character) lines, and a blob piece.
const SIZES = [0, 1, 2, 3, 56, 57, 58, 113, 114, 115, 171, 57 * 76 - 1, 57 * 76, 57 * 76 + 1];
const PIECE = 256 * 1024;

export const MIME_SAMPLES: readonly MimeSample[] = [
  { name: 'text only', copy: () => base({ text: TEXT }) },
  { name: 'html and text', copy: () => base({ html: HTML, text: TEXT }) },
  {
    name: 'html, text and inline images (bytes and stream)',
    copy: () =>
      base({
        html: HTML,
        text: TEXT,
        inline: [
          { cid: 'logo@mb', filename: 'logo.png', contentType: 'image/png', content: PNG },
          {
            cid: 'firma@mb',
            filename: 'firma è.png',
            contentType: 'image/png',
            content: chunked(Buffer.concat([PNG, sampleBytes('firma', 5000)]), 1000),
          },
        ],
      }),
  },
  {
    name: 'text and files of sizes around the base64 line boundaries, streamed',
    copy: () =>
      base({
        text: TEXT,
        attachments: SIZES.map((size) => ({
          filename: `file-${size}.bin`,
          contentType: 'application/octet-stream',
          content: chunked(sampleBytes(`size-${size}`, size), 100),
        })),
      }),
  },
  {
    name: 'html, inline image and files with non-ASCII names, bytes and streams',
    copy: () =>
      base({
        html: HTML,
        text: TEXT,
        inline: [{ cid: 'logo@mb', filename: 'logo.png', contentType: 'image/png', content: PNG }],
        attachments: [
          {
            filename: 'Relazione trimestrale è.pdf',
            contentType: 'application/pdf',
            content: chunked(sampleBytes('pdf', PIECE + 1), 65_536),
          },
          {
            filename: `日本語のファイル名-${'とても長い'.repeat(12)}.zip`,
            contentType: 'application/zip',
            content: chunked(sampleBytes('zip', 3 * PIECE - 1), PIECE),
          },
          {
            filename: 'dati, «vendite».csv',
            contentType: 'text/csv',
            content: Buffer.from('regione;totale\r\nLombardia;1.234,50 €\r\n'),
          },
          {
            filename: 'note.txt',
            contentType: 'text/plain',
            content: chunked(Buffer.from(`Caffè e tè.\r\n${'riga '.repeat(300)}\r\n`), 7),
          },
          {
            filename: 'empty.bin',
            contentType: 'application/octet-stream',
            content: Buffer.alloc(0),
          },
        ],
        headers: { 'List-Unsubscribe': '<https://t.example/u/abc>', 'X-Mailbeacon': '1' },
      }),
  },
];

/**
 * The multipart boundaries hold 16 random hex digits per message (nodemailer's `baseBoundary`);
 * they are set to zeros, which keeps every line's length, so two builds compare byte for byte.
 */
export function fixedBoundaries(raw: Buffer): Buffer {
  return Buffer.from(
    raw.toString('latin1').replace(/_NmP-[0-9a-f]{16}-Part_/g, '_NmP-0000000000000000-Part_'),
    'latin1',
  );
}
