import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  checkCredentials,
  closeSession,
  createApiKey,
  createInvite,
  createUserInWorkspace,
  listApiKeys,
  openSession,
  revokeKey,
  SESSION_TTL_MS,
  signupFirstUser,
  signupWithInvite,
  userForApiKey,
  userForSession,
} from '../../../src/accounts/index.js';
import type { UserRow } from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { rejectsWith } from '../../helpers/errors.js';
import { useTestStore } from '../../helpers/test-store.js';

const account = (email: string, password = 'a long enough password') => ({
  email,
  password,
  name: ` ${email.split('@')[0]} `,
});

for (const engine of testEngines()) {
  describe(`accounts (${engine})`, () => {
    const test = useTestStore(engine);
    let admin: UserRow;
    let member: UserRow;

    before(async () => {
      const { db } = test.store;
      await rejectsWith(
        signupFirstUser(db, account('ada@example.com'), undefined),
        'MB_ERR_VALIDATION',
      );
      ({ user: admin } = await signupFirstUser(db, account('Ada@Example.com'), ' Acme '));
      const invite = await createInvite(db, admin, 'bruno@example.com', 'member');
      ({ user: member } = await signupWithInvite(db, account('bruno@example.com'), invite.token));
    });

    it('makes the first signup the admin of a new workspace, and only the first', async () => {
      const { db } = test.store;
      assert.equal(admin.role, 'admin');
      assert.equal(admin.email, 'ada@example.com');
      assert.equal(admin.name, 'Ada');
      assert.notEqual(admin.passwordHash, 'a long enough password');
      await rejectsWith(
        signupFirstUser(db, account('eve@example.com'), 'Other'),
        'MB_ERR_INVITE_REQUIRED',
      );
    });

    it('lets an invite be used once, by its own address, to join as its role', async () => {
      const { db } = test.store;
      assert.equal(member.workspaceId, admin.workspaceId);
      assert.equal(member.role, 'member');
      await rejectsWith(createInvite(db, member, 'x@example.com', 'admin'), 'MB_ERR_FORBIDDEN');
      const invite = await createInvite(db, admin, 'carla@example.com', 'admin');
      await rejectsWith(
        signupWithInvite(db, account('mallory@example.com'), invite.token),
        'MB_ERR_INVITE_EMAIL_MISMATCH',
      );
      const { user } = await signupWithInvite(db, account('CARLA@example.com'), invite.token);
      assert.equal(user.role, 'admin');
      await rejectsWith(
        signupWithInvite(db, account('carla@example.com'), invite.token),
        'MB_ERR_INVITE_INVALID',
      );
      await rejectsWith(
        signupWithInvite(db, account('carla@example.com'), 'forged'),
        'MB_ERR_INVITE_INVALID',
      );
    });

    it('refuses a second account for an email in any case', async () => {
      await rejectsWith(
        createUserInWorkspace(test.store.db, account('ADA@example.com'), 'Acme'),
        'MB_ERR_EMAIL_TAKEN',
      );
    });

    it('checks credentials: the right password passes, a wrong one or an unknown email does not', async () => {
      const { db } = test.store;
      assert.equal(
        (await checkCredentials(db, 'ADA@example.com', 'a long enough password')).id,
        admin.id,
      );
      await rejectsWith(
        checkCredentials(db, 'ada@example.com', 'wrong'),
        'MB_ERR_INVALID_CREDENTIALS',
      );
      await rejectsWith(
        checkCredentials(db, 'nobody@example.com', 'a long enough password'),
        'MB_ERR_INVALID_CREDENTIALS',
      );
    });

    it('opens a session whose token finds its user until it is closed, keeping only its hash', async () => {
      const { db } = test.store;
      const before = Date.now();
      const session = await openSession(db, admin);
      assert.ok(session.expiresAt >= before + SESSION_TTL_MS);
      assert.equal((await userForSession(db, session.token))?.id, admin.id);
      const stored = await db.selectFrom('sessions').select('id').execute();
      assert.ok(stored.every((row) => row.id !== session.token));
      await closeSession(db, session.token);
      assert.equal(await userForSession(db, session.token), undefined);
      assert.equal(await userForSession(db, 'never-issued'), undefined);
    });

    it('finds no user for an expired session', async () => {
      const { db } = test.store;
      const session = await openSession(db, member);
      await db
        .updateTable('sessions')
        .set({ expiresAt: Date.now() - 1 })
        .execute();
      assert.equal(await userForSession(db, session.token), undefined);
    });

    it('creates an API key that authenticates as its owner until revoked', async () => {
      const { db } = test.store;
      const { apiKey, key } = await createApiKey(db, member, '  CI  ');
      assert.match(key, /^mb_/);
      assert.equal(apiKey.name, 'CI');
      assert.equal(apiKey.last4, key.slice(-4));
      assert.notEqual(apiKey.keyHash, key);
      assert.equal((await userForApiKey(db, key))?.id, member.id);
      assert.equal(await userForApiKey(db, `${key}x`), undefined);
      assert.equal(await userForApiKey(db, key.slice(3)), undefined, 'without its prefix');
      assert.deepEqual(
        (await listApiKeys(db, member)).map((k) => k.id),
        [apiKey.id],
      );
      await revokeKey(db, member, apiKey.id);
      assert.equal(await userForApiKey(db, key), undefined);
      assert.deepEqual(await listApiKeys(db, member), []);
    });

    it('lets owners and admins revoke a key, and nobody else', async () => {
      const { db } = test.store;
      const mine = await createApiKey(db, admin, 'admin key');
      await rejectsWith(revokeKey(db, member, mine.apiKey.id), 'MB_ERR_NOT_FOUND');
      assert.equal((await userForApiKey(db, mine.key))?.id, admin.id);
      const theirs = await createApiKey(db, member, 'member key');
      await revokeKey(db, admin, theirs.apiKey.id);
      assert.equal(await userForApiKey(db, theirs.key), undefined);
      await rejectsWith(revokeKey(db, admin, theirs.apiKey.id), 'MB_ERR_NOT_FOUND');
    });
  });
}
