import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ParsedMail, simpleParser } from 'mailparser';
import { signupAdmin, signupMember } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { SseClient } from '../../helpers/sse-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { waitUntil } from '../../helpers/wait.js';

// Issue 14, point 4 and issue 16, point 8: POST /api/v1/auth/password-reset and …/confirm, the
// mail through the dev inbox (SMTP_URL unset), filed under the user's workspace.

const PUBLIC_URL = 'https://beacon.example.test';
const NEW_PASSWORD = 'a brand new passphrase 2026';
const ACCEPTED = {
  message: 'If an account has this address, a link to reset its password is on its way',
};

interface ResetMail {
  readonly parsed: ParsedMail;
  readonly token: string;
}

for (const engine of testEngines()) {
  describe(`resetting a forgotten password (${engine})`, () => {
    let server: TestService;
    let admin: Awaited<ReturnType<typeof signupAdmin>>;
    const anonymous = () => new HttpClient(server.url);

    /** The workspace's dev inbox, newest first, as its admin sees it. */
    const inbox = async () =>
      (await admin.client.get('/api/v1/dev/inbox')).body.messages as { id: string; to: string }[];

    /** Asks for a reset for `email` and waits until the service has done what it answers for. */
    const ask = async (email: string) => {
      const reply = await anonymous().post('/api/v1/auth/password-reset', { email });
      assert.equal(reply.status, 202, reply.text);
      assert.deepEqual(reply.body, ACCEPTED, 'the same body, account or not');
      await server.service.idle();
    };

    /** The reset mails the dev inbox holds for `email`, newest first, read as a client would. */
    const mailsTo = async (email: string): Promise<ResetMail[]> => {
      const mails = (await inbox()).filter((m) => m.to.includes(email));
      const read: ResetMail[] = [];
      for (const mail of mails) {
        const raw = await admin.client.get(`/api/v1/dev/inbox/${mail.id}/raw`);
        const parsed = await simpleParser(raw.text);
        // The invitation that made the member is theirs too: only reset mails count here.
        if (/invited you/.test(parsed.subject ?? '')) continue;
        const link = /https:\/\/\S+\/reset-password#token=(\S+)/.exec(parsed.text ?? '');
        assert.ok(link, `a reset link in ${parsed.text}`);
        read.push({ parsed, token: decodeURIComponent(link[1]!) });
      }
      return read;
    };

    const confirm = (token: string, newPassword = NEW_PASSWORD) =>
      anonymous().post('/api/v1/auth/password-reset/confirm', { token, newPassword });

    const login = (email: string, password: string) =>
      anonymous().post('/api/v1/auth/login', { email, password });

    before(async () => {
      server = await startTestService(
        engine,
        { PUBLIC_URL },
        { app: { sseHeartbeatMs: 50, streamRecheckPollMs: 20 } },
      );
      admin = await signupAdmin(server.url);
    });
    after(async () => {
      await server?.close();
    });

    it('answers an unknown address the same 202, and mails nothing', async () => {
      const before_ = (await inbox()).length;
      await ask('nobody-here@example.com');
      assert.equal((await inbox()).length, before_);
    });

    it('mails a known address one link, in its language, whose token works once and ends every session and stream', async () => {
      const member = await signupMember(admin.client);
      assert.equal((await member.client.patch('/api/v1/auth/me', { language: 'it' })).status, 200);
      const stream = new SseClient(new URL('/api/v1/notifications/stream', server.url).href, {
        cookie: member.client.cookie!,
      });
      try {
        await waitUntil(() => stream.status === 200, 'the stream to open');
        await ask(member.input.email.toUpperCase());
        const mails = await mailsTo(member.input.email);
        assert.equal(mails.length, 1);
        const { parsed, token } = mails[0]!;
        assert.equal(parsed.subject, 'Reimposta la password di Mailbeacon');
        assert.deepEqual(parsed.from?.value, [
          { address: 'no-reply@beacon.example.test', name: 'Mailbeacon' },
        ]);
        assert.match(parsed.messageId ?? '', /^<[^@>]+@beacon\.example\.test>$/);
        assert.ok(parsed.date && Math.abs(parsed.date.getTime() - server.clock()) < 60_000);
        assert.match(
          String(parsed.html),
          /href="https:\/\/beacon\.example\.test\/reset-password#token=/,
        );

        assert.equal((await confirm(token)).status, 204);
        await stream.ended();
      } finally {
        await stream.close();
      }
      assert.equal((await member.client.get('/api/v1/auth/me')).status, 401, 'sessions end');
      assert.equal((await login(member.input.email, member.input.password)).status, 401);
      assert.equal((await login(member.input.email, NEW_PASSWORD)).status, 200);
      const again = await confirm(
        mails0Token(await mailsTo(member.input.email)),
        'yet another passphrase 77',
      );
      assert.equal(again.status, 400, 'single use');
      assert.equal(again.body.error.code, 'reset_token_invalid');
    });

    it('keeps API keys working after a reset: they are not the password', async () => {
      const member = await signupMember(admin.client);
      const key = await member.client.post('/api/v1/api-keys', { name: 'script' });
      await ask(member.input.email);
      const [mail] = await mailsTo(member.input.email);
      assert.equal((await confirm(mail!.token)).status, 204);
      const byKey = anonymous().withApiKey(key.body.key);
      assert.equal((await byKey.get('/api/v1/auth/me')).status, 200);
    });

    it('refuses a link an hour old by the service’s clock (400 reset_token_invalid)', async () => {
      const member = await signupMember(admin.client);
      await ask(member.input.email);
      const [mail] = await mailsTo(member.input.email);
      server.clock.advance(60 * 60_000);
      const expired = await confirm(mail!.token);
      assert.equal(expired.status, 400);
      assert.equal(expired.body.error.code, 'reset_token_invalid');
      assert.equal((await login(member.input.email, member.input.password)).status, 200);
    });

    it('makes the older link void when a new one is asked for', async () => {
      const member = await signupMember(admin.client);
      await ask(member.input.email);
      await ask(member.input.email);
      const [newer, older] = await mailsTo(member.input.email);
      assert.ok(newer && older && newer.token !== older.token);
      const refused = await confirm(older.token);
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.code, 'reset_token_invalid');
      assert.equal((await confirm(newer.token)).status, 204);
    });

    it('refuses a weak new password (400 weak_password), the link still good for a better one', async () => {
      const member = await signupMember(admin.client);
      await ask(member.input.email);
      const [mail] = await mailsTo(member.input.email);
      for (const weak of ['short', 'password123', member.input.email]) {
        const reply = await confirm(mail!.token, weak);
        assert.equal(reply.status, 400, weak);
        assert.equal(reply.body.error.code, 'weak_password');
      }
      assert.equal((await confirm(mail!.token)).status, 204);
    });

    it('sends from the workspace’s default sender’s address when it has one, named Mailbeacon', async () => {
      const settings = await admin.client.patch('/api/v1/workspace/settings', {
        defaultSender: { email: 'team@acme.example', name: 'Acme team' },
      });
      assert.equal(settings.status, 200, settings.text);
      try {
        const member = await signupMember(admin.client);
        await ask(member.input.email);
        const [mail] = await mailsTo(member.input.email);
        assert.deepEqual(mail!.parsed.from?.value, [
          { address: 'team@acme.example', name: 'Mailbeacon' },
        ]);
        assert.match(mail!.parsed.messageId ?? '', /@acme\.example>$/);
        assert.equal(mail!.parsed.subject, 'Reset your Mailbeacon password');
      } finally {
        await admin.client.patch('/api/v1/workspace/settings', { defaultSender: null });
      }
    });

    it('mails one account at most 5 links per window, answering 202 all the same', async () => {
      const member = await signupMember(admin.client);
      for (let i = 0; i < 6; i++) await ask(member.input.email);
      assert.equal((await mailsTo(member.input.email)).length, 5);
    });

    it('refuses an unknown token (400) and mails a removed member nothing', async () => {
      const unknown = await confirm('a'.repeat(43));
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.code, 'reset_token_invalid');

      const member = await signupMember(admin.client);
      await ask(member.input.email);
      const [mail] = await mailsTo(member.input.email);
      assert.equal(
        (await admin.client.delete(`/api/v1/workspace/members/${member.user.id}`)).status,
        204,
      );
      await ask(member.input.email);
      assert.equal((await mailsTo(member.input.email)).length, 1, 'no second mail');
      const refused = await confirm(mail!.token);
      assert.equal(refused.status, 400, 'a link made before the removal does not bring them back');
      assert.equal(refused.body.error.code, 'reset_token_invalid');
    });
  });
}

function mails0Token(mails: ResetMail[]): string {
  assert.equal(mails.length, 1, 'still one mail');
  return mails[0]!.token;
}

for (const engine of testEngines()) {
  describe(`password reset limits per client address (${engine})`, () => {
    const PER_ADDRESS = 3;
    let server: TestService;

    before(async () => {
      server = await startTestService(
        engine,
        {},
        {
          app: {
            loginLimits: {
              perPair: 10,
              perAccount: 20,
              perAddress: PER_ADDRESS,
              windowMs: 15 * 60_000,
              knownForMs: 30 * 24 * 60 * 60_000,
            },
          },
        },
      );
    });
    after(async () => {
      await server?.close();
    });

    for (const [path, body, allowed] of [
      ['/api/v1/auth/password-reset', { email: 'someone@example.com' }, 202],
      [
        '/api/v1/auth/password-reset/confirm',
        { token: 'x'.repeat(43), newPassword: NEW_PASSWORD },
        400,
      ],
    ] as const) {
      it(`answers ${path} 429 with Retry-After past the limit`, async () => {
        const client = new HttpClient(server.url);
        for (let i = 0; i < PER_ADDRESS; i++) {
          assert.equal((await client.post(path, body)).status, allowed);
        }
        const refused = await client.post(path, body);
        assert.equal(refused.status, 429);
        assert.equal(refused.body.error.code, 'rate_limited');
        assert.ok(Number(refused.headers.get('retry-after')) > 0);
        await server.service.idle();
      });
    }
  });
}
