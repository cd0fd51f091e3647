import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { LineMeter, longestLine, type MailCopy, streamMime } from '../../../src/mail/mime/index.js';
import { chunked, fixedBoundaries, MIME_SAMPLES, sampleBytes } from './mime-samples.js';

// SHA-256 of each sample's source as the buffered builder wrote it (boundaries fixed), recorded
// before the MIME writer became a stream.
const RECORDED: Record<string, { bytes: number; sha256: string }> = {
  'text only': {
    bytes: 1822,
    sha256: '8c9f6e1820a7aae5180b38ba996a6ed3cc9930a9171bb40e7a76ee05e6544486',
  },
  'html and text': {
    bytes: 4020,
    sha256: '462d079685aaef623222f7cea42b6bd7a843d2a96e91c4dcc1ea8af6a5a300e9',
  },
  'html, text and inline images (bytes and stream)': {
    bytes: 11637,
    sha256: 'ca309c6b58b113b45317dcc8f2e4b137fa27427180e1abfec5abff69c437604d',
  },
  'text and files of sizes around the base64 line boundaries, streamed': {
    bytes: 23316,
    sha256: 'd639ca7e0b465b409f36d158291c86e4c41d2c808bfe85ad37a7779d4662280b',
  },
  'html, inline image and files with non-ASCII names, bytes and streams': {
    bytes: 1443965,
    sha256: '793bf4f6dbf2e1402069c1317af47dee1609a98efb500b261f39bfaf60ed7fa9',
  },
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('streamMime writes what the buffered builder wrote', () => {
  for (const sample of MIME_SAMPLES) {
    test(sample.name, async () => {
      const streamed = await buffer(streamMime(sample.copy()));
      const recorded = RECORDED[sample.name]!;
      assert.equal(streamed.length, recorded.bytes);
      assert.equal(sha256(fixedBoundaries(streamed)), recorded.sha256);
    });
  }

  test('the files arrive whole, whatever their size and the pieces they came in', async () => {
    const copy = MIME_SAMPLES[3]!.copy();
    const sizes = copy.attachments.map((file) => Number(/\d+/.exec(file.filename)![0]));
    const parsed = await simpleParser(await buffer(streamMime(copy)));
    assert.deepEqual(
      parsed.attachments.map((a) => a.content.length),
      sizes,
    );
    for (const [i, size] of sizes.entries()) {
      assert.ok(parsed.attachments[i]!.content.equals(sampleBytes(`size-${size}`, size)));
    }
  });
});

describe('streamMime as a stream', () => {
  function withFile(content: Readable): MailCopy {
    return {
      from: { email: 'sender@example.com' },
      to: [{ email: 'anna@example.org' }],
      cc: [],
      subject: 'File',
      text: 'See the file.\r\n',
      attachments: [{ filename: 'big.bin', contentType: 'application/octet-stream', content }],
      inline: [],
      messageId: '<stream-1@mailbeacon.test>',
      date: new Date('2026-03-04T05:06:07.000Z'),
    };
  }

  /** A file of `pieces` pieces of 64 KiB, made as they are read; counts what was read. */
  function countedFile(pieces: number, failAt?: number) {
    const counter = { pieces: 0, destroyed: false };
    const stream = new Readable({
      read() {
        if (counter.pieces === failAt) {
          this.destroy(new Error('the blob store lost its connection'));
          return;
        }
        if (counter.pieces === pieces) return void this.push(null);
        this.push(sampleBytes(`piece-${counter.pieces}`, 65_536));
        counter.pieces += 1;
      },
      destroy(error, done) {
        counter.destroyed = true;
        done(error);
      },
    });
    return { stream, counter };
  }

  test('reads a file only as its encoding is read', async () => {
    const file = countedFile(160); // 10 MiB
    const mime = streamMime(withFile(file.stream));
    // Read the head and a little of the body, then stop pulling.
    const first: Buffer[] = [];
    for await (const chunk of mime) {
      first.push(chunk as Buffer);
      if (Buffer.concat(first).length > 300_000) break;
    }
    // `break` destroyed the stream: far fewer than 160 pieces were read, and the file is released.
    assert.ok(file.counter.pieces < 20, `${file.counter.pieces} pieces read`);
    // The teardown runs through the stages' close events.
    if (!file.stream.closed) await once(file.stream, 'close');
    assert.ok(file.counter.destroyed, 'the file stream is destroyed with the mail stream');
  });

  test("a file's error fails the stream and nothing hangs", async () => {
    const file = countedFile(40, 5);
    await assert.rejects(buffer(streamMime(withFile(file.stream))), {
      message: 'the blob store lost its connection',
    });
  });

  test('the line check runs inside the stream and names its limit', async () => {
    const copy = {
      ...withFile(chunked(Buffer.alloc(10), 3)),
      headers: { 'X-Long': 'z'.repeat(1500) },
    };
    await assert.rejects(buffer(streamMime(copy)), {
      name: 'RangeError',
      message: /998-octet limit/,
    });
  });
});

describe('LineMeter', () => {
  test('measures lines cut anywhere the same as whole', () => {
    const text = Buffer.from(`ab\r\n${'x'.repeat(300)}\r\n\r\nè${'y'.repeat(77)}\r\nlast\r`);
    for (const size of [1, 2, 3, 7, 76, 1000]) {
      const meter = new LineMeter();
      for (let at = 0; at < text.length; at += size) meter.feed(text.subarray(at, at + size));
      assert.equal(meter.longest, longestLine(text), `pieces of ${size}`);
    }
    assert.equal(longestLine(text), 300);
  });

  test('counts an open line as far as it goes', () => {
    const meter = new LineMeter();
    meter.feed(Buffer.from('x'.repeat(1200)));
    assert.equal(meter.longest, 1200);
  });
});
