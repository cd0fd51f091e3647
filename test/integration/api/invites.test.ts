import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { freePort } from '../../e2e/support/server.js';
import { signupAdmin, signupMember } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

// Issue 16, point 8: an invite is mailed to the invitee (the dev inbox here: SMTP_URL unset),
// listed while pending, withdrawn by an admin, and its link's page learns whom it is for.

const PUBLIC_URL = 'https://beacon.example.test';
const PASSWORD = 'a long enough passphrase 2026';

for (const engine of testEngines()) {
  describe(`invites (${engine})`, () => {
    let server: TestService;
    let admin: Awaited<ReturnType<typeof signupAdmin>>;
    const anonymous = () => new HttpClient(server.url);

    /** The invitation mails the dev inbox holds for `email`, newest first, with their links. */
    const invitations = async (email: string) => {
      const list = (await admin.client.get('/api/v1/dev/inbox')).body.messages as {
        id: string;
        to: string;
      }[];
      const mails = [];
      for (const mail of list.filter((m) => m.to.toLowerCase().includes(email))) {
        const parsed = await simpleParser(
          (await admin.client.get(`/api/v1/dev/inbox/${mail.id}/raw`)).text,
        );
        const token = /\/signup\?invite=([\w-]+)/.exec(parsed.text ?? '')?.[1];
        mails.push({ parsed, token });
      }
      return mails;
    };
    const signup = (email: string, invite: string) =>
      anonymous().post('/api/v1/auth/signup', {
        name: 'Giulia Verdi',
        email,
        password: PASSWORD,
        invite,
      });

    before(async () => {
      server = await startTestService(engine, { PUBLIC_URL });
      admin = await signupAdmin(server.url, { name: 'Ada Lovelace', workspace: 'Acme «Italia»' });
    });
    after(async () => {
      await server?.close();
    });

    it('mails the invitation, in the admin’s language, with a link that signs the invitee up once', async () => {
      assert.equal((await admin.client.patch('/api/v1/auth/me', { language: 'it' })).status, 200);
      const created = await admin.client.post('/api/v1/invites', {
        email: 'Giulia.Verdi@Example.org',
        role: 'member',
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.mailed, true);
      assert.equal(created.body.mailError, undefined);
      const [mail, ...more] = await invitations('giulia.verdi@example.org');
      assert.equal(more.length, 0);
      assert.equal(
        mail!.parsed.subject,
        'Ada Lovelace ti ha invitato in Acme «Italia» su Mailbeacon',
      );
      assert.equal(mail!.token, created.body.token, 'the link the admin was given');
      assert.ok(String(mail!.parsed.html).includes('Acme «Italia»'));
      assert.match(
        String(mail!.parsed.html),
        /href="https:\/\/beacon\.example\.test\/signup\?invite=/,
      );

      const details = await anonymous().post('/api/v1/auth/invite', { token: mail!.token });
      assert.equal(details.status, 200, details.text);
      assert.deepEqual(details.body, {
        email: 'giulia.verdi@example.org',
        role: 'member',
        workspace: { name: 'Acme «Italia»' },
        expiresAt: created.body.expiresAt,
      });
      assert.equal((await signup('giulia.verdi@example.org', mail!.token!)).status, 201);
      const used = await anonymous().post('/api/v1/auth/invite', { token: mail!.token });
      assert.equal(used.status, 403);
      assert.equal(used.body.error.code, 'invite_invalid');
      await admin.client.patch('/api/v1/auth/me', { language: 'en' });
    });

    it('lists pending invites to admins only; a new invite for the same address replaces the old', async () => {
      const first = (await admin.client.post('/api/v1/invites', { email: 'marco@example.org' }))
        .body;
      const second = (
        await admin.client.post('/api/v1/invites', { email: 'MARCO@example.org', role: 'admin' })
      ).body;
      const other = (await admin.client.post('/api/v1/invites', { email: 'sara@example.org' }))
        .body;
      const listed = await admin.client.get('/api/v1/invites');
      assert.equal(listed.status, 200);
      const invites = listed.body.invites as any[];
      assert.deepEqual(
        invites.map((i) => [i.id, i.email, i.role]),
        [
          [other.id, 'sara@example.org', 'member'],
          [second.id, 'marco@example.org', 'admin'],
        ],
        'newest first; the used and the replaced are not there',
      );
      assert.deepEqual(invites[0].invitedBy, { id: admin.user.id, name: 'Ada Lovelace' });
      const replaced = await signup('marco@example.org', first.token);
      assert.equal(replaced.status, 403);
      assert.equal(replaced.body.error.code, 'invite_invalid');

      const member = await signupMember(admin.client);
      assert.equal((await member.client.get('/api/v1/invites')).status, 403);
      assert.equal((await member.client.delete(`/api/v1/invites/${other.id}`)).status, 403);
    });

    it('withdraws a pending invite: its link stops working; one no longer pending is 404', async () => {
      const invite = (await admin.client.post('/api/v1/invites', { email: 'luca@example.org' }))
        .body;
      assert.equal((await admin.client.delete(`/api/v1/invites/${invite.id}`)).status, 204);
      const again = await admin.client.delete(`/api/v1/invites/${invite.id}`);
      assert.equal(again.status, 404);
      assert.equal(again.body.error.code, 'not_found');
      assert.equal((await signup('luca@example.org', invite.token)).status, 403);
      assert.ok(
        !((await admin.client.get('/api/v1/invites')).body.invites as any[]).some(
          (i) => i.id === invite.id,
        ),
      );

      // Another workspace's invite: the authorization matrix (test/integration/api) holds it.
    });

    it('refuses a lookup with an unknown token or a malformed body, with the error body', async () => {
      const unknown = await anonymous().post('/api/v1/auth/invite', { token: 'not-a-real-token' });
      assert.equal(unknown.status, 403);
      assert.equal(unknown.body.error.code, 'invite_invalid');
      for (const body of [
        {},
        { token: '' },
        { token: 'x', extra: 1 },
        { token: 'x'.repeat(201) },
      ]) {
        const reply = await anonymous().post('/api/v1/auth/invite', body);
        assert.equal(reply.status, 400, JSON.stringify(body));
        assert.equal(reply.body.error.code, 'validation_failed');
      }
    });
  });

  describe(`an invite whose mail the relay does not take (${engine})`, () => {
    let server: TestService;
    before(async () => {
      // Nothing listens there: the installation's relay refuses every connection.
      server = await startTestService(engine, { SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
    });
    after(async () => {
      await server?.close();
    });

    it('still makes the invite, and says why it was not mailed, so the admin copies the link', async () => {
      const admin = await signupAdmin(server.url);
      const created = await admin.client.post('/api/v1/invites', { email: 'nina@example.org' });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.mailed, false);
      assert.match(created.body.mailError, /\S/);
      assert.match(created.body.url, /\/signup\?invite=/);
      const listed = (await admin.client.get('/api/v1/invites')).body.invites as any[];
      assert.deepEqual(
        listed.map((i) => i.email),
        ['nina@example.org'],
      );
    });
  });
}
