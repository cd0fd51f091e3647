import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { MailParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { type MailCopy, streamMime } from '../../../src/mail/mime/index.js';
import { createSmtpSender, SmtpFailure } from '../../../src/mail/smtp/index.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';

const FROM = 'sender@mailbeacon.test';
const PIECE = 256 * 1024;

function copyWith(content: Readable, filename = 'catalogo.bin'): MailCopy {
  return {
    from: { email: FROM, name: 'Mário Rossi' },
    to: [{ email: 'anna@example.org' }],
    cc: [],
    subject: 'Il catalogo',
    text: 'Ciao Anna, ecco il catalogo.\r\n',
    html: '<p>Ciao Anna, ecco il catalogo.</p>',
    attachments: [{ filename, contentType: 'application/octet-stream', content }],
    inline: [],
    messageId: '<stream-42@mailbeacon.test>',
    date: new Date('2026-05-06T07:08:09Z'),
  };
}

/** Piece `i` of a generated file: 256 KiB, different for every index. */
function piece(i: number): Buffer {
  const seed = createHash('sha256').update(`piece ${i}`).digest();
  return Buffer.alloc(PIECE, seed);
}

/**
 * A file of `pieces` pieces made as they are read, like the blob store's stream, counting the
 * bytes read; it fails instead of giving piece `failAt`.
 */
function generatedFile(pieces: number, failAt?: number) {
  const state = { read: 0, destroyed: false, hash: createHash('sha256') };
  let next = 0;
  const stream = new Readable({
    read() {
      if (next === failAt) return void this.destroy(new Error(`blob piece ${next} is missing`));
      if (next === pieces) return void this.push(null);
      const bytes = piece(next++);
      state.read += bytes.length;
      state.hash.update(bytes);
      this.push(bytes);
    },
    destroy(error, done) {
      state.destroyed = true;
      done(error);
    },
  });
  return { stream, state };
}

/**
 * An SMTP server that keeps nothing: it parses each message as it arrives and hashes the
 * attachment's decoded bytes, calling `onFileBytes` with the running count as they come.
 */
async function startHashingRelay(onFileBytes: (count: number) => void) {
  const received: { size: number; sha256: string; filename?: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 0,
    onData(stream, _session, callback) {
      const parser = new MailParser();
      let size = 0;
      let filename: string | undefined;
      const hash = createHash('sha256');
      parser.on('data', (part) => {
        if (part.type !== 'attachment') return;
        filename = part.filename;
        part.content.on('data', (chunk: Buffer) => {
          size += chunk.length;
          hash.update(chunk);
          onFileBytes(size);
        });
        part.content.on('end', () => part.release?.());
      });
      parser.on('end', () => {
        received.push({ size, sha256: hash.digest('hex'), filename });
        callback(null, 'OK: hashed');
      });
      parser.on('error', (err: Error) => callback(err));
      stream.pipe(parser);
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('sending a copy as a stream', () => {
  test('50 MB of attachment is never read far ahead of what the relay has received', async () => {
    const pieces = 200; // 50 MiB
    let parsed = 0;
    let furthestAhead = 0;
    const file = generatedFile(pieces);
    const relay = await startHashingRelay((count) => {
      parsed = count;
    });
    const watched = file.stream;
    const read = watched.read.bind(watched);
    // Each time the writer asks the file for more: how far its reads are ahead of the bytes
    // the relay has received and decoded so far.
    watched.read = (size?: number) => {
      furthestAhead = Math.max(furthestAhead, file.state.read - parsed);
      return read(size);
    };
    const sender = createSmtpSender(relay.url);
    try {
      const sent = await sender.send(
        { from: FROM, to: ['anna@example.org'] },
        streamMime(copyWith(file.stream)),
      );
      assert.match(sent.response, /^250 /);
      assert.equal(sent.messageId, '<stream-42@mailbeacon.test>');
      assert.deepEqual(relay.received, [
        { size: pieces * PIECE, sha256: file.state.hash.digest('hex'), filename: 'catalogo.bin' },
      ]);
      // Buffering the mail would read all 50 MiB before the relay got a byte. Streaming keeps
      // the file only the pipes' and sockets' buffers ahead of the relay.
      assert.ok(
        furthestAhead < 16 * 1024 * 1024,
        `read up to ${(furthestAhead / 2 ** 20).toFixed(1)} MiB ahead of the relay`,
      );
    } finally {
      await sender.close();
      await relay.close();
    }
  });

  for (const pool of [false, true]) {
    describe(`a file failing midway${pool ? ' (pooled)' : ''}`, () => {
      let relay: TestRelay;
      before(async () => {
        relay = await startTestRelay();
      });
      after(() => relay.close());

      test('fails that send, deferred; the relay keeps nothing and the next send goes', async () => {
        relay.reset();
        const sender = createSmtpSender(relay.url, { pool });
        try {
          const file = generatedFile(40, 12); // fails 3 MiB into a 10 MiB file
          const error = await sender
            .send({ from: FROM, to: ['anna@example.org'] }, streamMime(copyWith(file.stream)))
            .then(
              () => assert.fail('the send succeeded'),
              (e: unknown) => e,
            );
          assert.ok(error instanceof SmtpFailure, String(error));
          assert.equal(error.kind, 'deferred');
          assert.equal(error.code, 'ESTREAM');
          assert.match(error.message, /blob piece 12 is missing/);
          assert.ok(file.state.destroyed, 'the file stream is released');

          const whole = generatedFile(8);
          const sent = await sender.send(
            { from: FROM, to: ['anna@example.org'] },
            streamMime(copyWith(whole.stream, 'again.bin')),
          );
          assert.match(sent.response, /^250 /);
          const [message, ...more] = await relay.waitFor(1);
          assert.deepEqual(more, []);
          const [attachment] = message!.parsed.attachments;
          assert.equal(attachment?.filename, 'again.bin');
          assert.equal(
            createHash('sha256').update(attachment!.content).digest('hex'),
            whole.state.hash.digest('hex'),
          );
          assert.equal(relay.messages.length, 1, 'nothing of the failed send was kept');
        } finally {
          await sender.close();
        }
      });
    });
  }

  test('a sender that fails to connect releases the stream it was given', async () => {
    const relay = await startTestRelay();
    const url = relay.url;
    await relay.close();
    const file = generatedFile(4);
    const sender = createSmtpSender(url);
    try {
      await assert.rejects(
        sender.send({ from: FROM, to: ['anna@example.org'] }, streamMime(copyWith(file.stream))),
        SmtpFailure,
      );
    } finally {
      await sender.close();
    }
    if (!file.stream.closed) await new Promise((resolve) => file.stream.once('close', resolve));
    assert.ok(file.state.destroyed);
    assert.equal(file.state.read, 0, 'nothing was read');
  });
});
