import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildSignup, signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

/** Bidi embeddings, overrides and isolates (UAX #9 §2.1–§2.4): refused in every one-line field. */
const BIDI = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
/** Invisible characters (UTS #39 §3.1, default ignorable): refused in every one-line field. */
const INVISIBLE = [
  '\u200b',
  '\u2060',
  '\u2062',
  '\u2064',
  '\ufeff',
  '\u180e',
  '\u00ad',
  '\u206f',
  // What a second tester got through: other format characters and default-ignorable letters.
  '\ufff9',
  '\u0600',
  '\u{1d173}',
  '\u034f',
  '\u3164',
  '\u115f',
];
/** Format characters kept in names (ZWNJ, ZWJ, LRM, RLM, ALM) and refused in addresses. */
const NAME_MARKS = ['\u200c', '\u200d', '\u200e', '\u200f', '\u061c'];

const hex = (text: string) => `U+${text.codePointAt(0)?.toString(16).toUpperCase()}`;

function assertRefused(
  reply: { status: number; body: any; text: string },
  field: string,
  what: string,
) {
  assert.equal(reply.status, 400, `${what}: ${reply.status} ${reply.text}`);
  assert.equal(reply.body.error.code, 'validation_failed', what);
  assert.match(reply.body.error.message, new RegExp(`${field} must be one line of text`), what);
}

for (const engine of testEngines()) {
  describe(`bidi controls and invisible characters in one-line fields (${engine})`, () => {
    let server: TestService;
    let admin: HttpClient;

    before(async () => {
      server = await startTestService(engine);
      admin = (await signupAdmin(server.url)).client;
    });
    after(() => server.close());

    /** Each one-line field through its route, with `text` inside a value it otherwise takes. */
    const names = (text: string): [string, () => Promise<any>][] => [
      ['body/name', () => admin.patch('/api/v1/auth/me', { name: `Anna${text}Rossi` })],
      ['body/name', () => admin.post('/api/v1/api-keys', { name: `ci${text}key` })],
      [
        'body/defaultSender/name',
        () =>
          admin.patch('/api/v1/workspace/settings', {
            defaultSender: { email: 'team@example.com', name: `Team${text}` },
          }),
      ],
      [
        'body/subject',
        () =>
          admin.post('/api/v1/messages', {
            to: [{ email: 'a@example.com' }],
            subject: `Invoice${text}exe.pdf`,
            text: 't',
          }),
      ],
      [
        'body/to/0/name',
        () =>
          admin.post('/api/v1/messages', {
            to: [{ email: 'a@example.com', name: `Bank${text}` }],
            subject: 's',
            text: 't',
          }),
      ],
    ];

    /** Each address field through its route, with `text` inside an address. */
    const addresses = (text: string): [string, () => Promise<any>][] => [
      [
        'body/defaultSender/email',
        () =>
          admin.patch('/api/v1/workspace/settings', {
            defaultSender: { email: `a${text}b@example.com` },
          }),
      ],
      [
        'body/to/0/email',
        () =>
          admin.post('/api/v1/messages', {
            to: [{ email: `a${text}b@example.com` }],
            subject: 's',
            text: 't',
          }),
      ],
      [
        'body/email',
        () =>
          admin.post('/api/v1/consents', { email: `a${text}b@example.com`, proof: 'signed form' }),
      ],
      ['body/entry', () => admin.post('/api/v1/do-not-track', { entry: `a${text}b@example.com` })],
      [
        'body/smtpRelay/username',
        () =>
          admin.patch('/api/v1/workspace/settings', {
            smtpRelay: {
              host: 'smtp.example.com',
              port: 587,
              security: 'starttls',
              username: `u${text}ser`,
            },
          }),
      ],
    ];

    it('refuses bidi controls and invisible characters in every name and subject, naming the field', async () => {
      for (const text of [...BIDI, ...INVISIBLE]) {
        for (const [field, send] of names(text))
          assertRefused(await send(), field, `${field} ${hex(text)}`);
      }
      // Signups are rate-limited per address: one of each kind.
      for (const text of ['\u202e', '\u200b']) {
        const signup = await new HttpClient(server.url).post(
          '/api/v1/auth/signup',
          buildSignup({ workspace: `Acme${text}` }),
        );
        assertRefused(signup, 'body/workspace', `signup ${hex(text)}`);
      }
    });

    it('refuses every format character (Cf) in an address, the marks and joiners included', async () => {
      for (const text of [...BIDI, ...INVISIBLE, ...NAME_MARKS, '\u{e0067}', '\u0600']) {
        for (const [field, send] of addresses(text))
          assertRefused(await send(), field, `${field} ${hex(text)}`);
      }
      const settings = await admin.get('/api/v1/workspace/settings');
      assert.doesNotMatch(JSON.stringify(settings.body), /\\u20|\\u2066|\\ufeff/i);
    });

    it('keeps ZWNJ, ZWJ, LRM, RLM and ALM in names (Persian, emoji, mixed-direction names)', async () => {
      for (const name of [
        'می\u200cخواهم',
        '👩\u200d💻 Dev',
        'שלום\u200f (HQ)',
        'Mario\u200e',
        'عربي\u061c',
      ]) {
        const me = await admin.patch('/api/v1/auth/me', { name });
        assert.equal(me.status, 200, `${JSON.stringify(name)}: ${me.text}`);
        const sender = await admin.patch('/api/v1/workspace/settings', {
          defaultSender: { email: 'team@example.com', name },
        });
        assert.equal(sender.status, 200, `${JSON.stringify(name)}: ${sender.text}`);
        assert.equal(sender.body.defaultSender.name, name);
      }
    });
  });
}
