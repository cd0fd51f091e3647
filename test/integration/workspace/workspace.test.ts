import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createKeyring } from '../../../src/keyring/index.js';
import { findDoNotTrack, newId, type UserRow } from '../../../src/store/index.js';
import {
  addDoNotTrack,
  changeWorkspaceSettings,
  DEFAULT_SETTINGS,
  decryptSmtpPassword,
  doNotTrackKeysOf,
  doNotTrackList,
  onSettingsChanged,
  removeDoNotTrack,
  workspaceSettings,
} from '../../../src/workspace/index.js';
import { insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { rejectsWith } from '../../helpers/errors.js';
import { useTestStore } from '../../helpers/test-store.js';

/** The outbound policy as a server without ALLOW_PRIVATE_NETWORKS holds it, with DNS played. */
const policy = (...addresses: string[]) => ({
  allowPrivate: false,
  resolve: async () => addresses,
});
const PUBLIC = policy('93.184.215.14');

for (const engine of testEngines()) {
  describe(`a workspace (${engine})`, () => {
    const keyring = createKeyring(['w'.repeat(32)]);
    const test = useTestStore(engine);
    let user: UserRow;
    let other: UserRow;

    before(async () => {
      user = await insertTestUser(test.store.db, { role: 'admin' });
      other = await insertTestUser(test.store.db, { role: 'admin' });
    });

    it('has the default settings until changed, and only a known workspace has any', async () => {
      assert.deepEqual(await workspaceSettings(test.store.db, user.workspaceId), DEFAULT_SETTINGS);
      await rejectsWith(workspaceSettings(test.store.db, newId()), 'MB_ERR_NOT_FOUND');
    });

    it('stores a change, tells the listeners which workspace changed, and keeps others apart', async () => {
      const { db } = test.store;
      const heard: string[] = [];
      const stop = onSettingsChanged((workspaceId) => heard.push(workspaceId));
      try {
        const next = await changeWorkspaceSettings(
          db,
          keyring,
          user.workspaceId,
          {
            notifyOnMachineEvents: true,
            smtpRelay: {
              host: 'smtp.example.org',
              port: 587,
              security: 'starttls',
              password: 'pw',
            },
          },
          PUBLIC,
        );
        assert.equal(next.notifyOnMachineEvents, true);
        const read = await workspaceSettings(db, user.workspaceId);
        assert.deepEqual(read, next);
        assert.equal(decryptSmtpPassword(keyring, read.smtpRelay!.passwordEncrypted!), 'pw');
        assert.deepEqual(heard, [user.workspaceId]);
        assert.deepEqual(await workspaceSettings(db, other.workspaceId), DEFAULT_SETTINGS);
      } finally {
        stop();
      }
      await changeWorkspaceSettings(
        db,
        keyring,
        user.workspaceId,
        { notifyOnMachineEvents: false },
        PUBLIC,
      );
      assert.deepEqual(heard, [user.workspaceId], 'a stopped listener hears nothing more');
    });

    it('refuses an invalid change and stores nothing of it', async () => {
      const { db } = test.store;
      const before = await workspaceSettings(db, user.workspaceId);
      await rejectsWith(
        changeWorkspaceSettings(
          db,
          keyring,
          user.workspaceId,
          { notifyOnMachineEvents: true, internalNetworks: ['not-a-network'] },
          PUBLIC,
        ),
        'MB_ERR_VALIDATION',
      );
      assert.deepEqual(await workspaceSettings(db, user.workspaceId), before);
    });

    it('refuses a relay host that is, or resolves to, a private address, and stores nothing of it', async () => {
      const { db } = test.store;
      const before = await workspaceSettings(db, user.workspaceId);
      const relay = (host: string) => ({
        notifyOnMachineEvents: true,
        smtpRelay: { host, port: 25, security: 'none' as const },
      });
      for (const host of ['10.9.8.7', '172.31.0.1', '192.168.0.25', '127.0.0.53', 'localhost']) {
        await rejectsWith(
          changeWorkspaceSettings(db, keyring, user.workspaceId, relay(host), PUBLIC),
          'MB_ERR_RELAY_HOST_FORBIDDEN',
        );
      }
      for (const answer of ['127.0.0.1', '::1', '::ffff:10.0.0.1', '64:ff9b::a9fe:a9fe']) {
        await rejectsWith(
          changeWorkspaceSettings(
            db,
            keyring,
            user.workspaceId,
            relay('mx.example.org'),
            policy(answer),
          ),
          'MB_ERR_RELAY_HOST_FORBIDDEN',
        );
      }
      await rejectsWith(
        changeWorkspaceSettings(db, keyring, user.workspaceId, relay('mx.example.org'), policy()),
        'MB_ERR_RELAY_HOST_UNRESOLVABLE',
      );
      assert.deepEqual(await workspaceSettings(db, user.workspaceId), before);
      const allowed = { allowPrivate: true };
      const intranet = await changeWorkspaceSettings(
        db,
        keyring,
        user.workspaceId,
        relay('10.9.8.7'),
        allowed,
      );
      assert.equal(intranet.smtpRelay?.host, '10.9.8.7', 'ALLOW_PRIVATE_NETWORKS lets it through');
      await changeWorkspaceSettings(
        db,
        keyring,
        user.workspaceId,
        { smtpRelay: null, notifyOnMachineEvents: false },
        PUBLIC,
      );
    });

    it('keeps a do-not-track list per workspace: added once, found by address or domain, removed', async () => {
      const { db } = test.store;
      const ws = user.workspaceId;
      const add = async (...args: Parameters<typeof addDoNotTrack>) =>
        (await addDoNotTrack(...args)).entry;
      assert.equal(await add(db, ws, '@Bank.Example', 'admin', user.id), '@bank.example');
      assert.equal(await add(db, ws, 'Ada@Example.org', 'opt_out', null), 'ada@example.org');
      assert.deepEqual(await addDoNotTrack(db, ws, 'ada@example.org', 'admin', user.id), {
        entry: 'ada@example.org',
        added: false,
      });
      await rejectsWith(add(db, ws, 'bank.example', 'admin', user.id), 'MB_ERR_VALIDATION');

      const listed = await doNotTrackList(db, ws);
      assert.deepEqual(
        listed.map((row) => [row.entry, row.source]),
        [
          ['@bank.example', 'admin'],
          ['ada@example.org', 'opt_out'],
        ],
      );
      assert.deepEqual(await doNotTrackList(db, other.workspaceId), []);
      const found = await findDoNotTrack(db, ws, doNotTrackKeysOf('CFO@bank.example'));
      assert.deepEqual([...found], ['@bank.example']);
      assert.equal(
        (await findDoNotTrack(db, other.workspaceId, doNotTrackKeysOf('cfo@bank.example'))).size,
        0,
      );

      await removeDoNotTrack(db, ws, '@BANK.example');
      await rejectsWith(removeDoNotTrack(db, ws, '@bank.example'), 'MB_ERR_NOT_FOUND');
      // The recipient's own opt-out, in any spelling: only they may withdraw it.
      for (const spelling of ['ada@example.org', 'ADA@EXAMPLE.ORG', ' Ada@example.org '])
        await rejectsWith(removeDoNotTrack(db, ws, spelling), 'MB_ERR_OPT_OUT_RECIPIENT_ONLY');
      assert.deepEqual(
        (await doNotTrackList(db, ws)).map((row) => row.entry),
        ['ada@example.org'],
      );
    });

    it('keys entries so every spelling of an address or a domain is one entry', async () => {
      const { db } = test.store;
      const ws = other.workspaceId;
      const spellings = [
        ['JOSÉ.Ünal@ext.example', 'josé.ünal@ext.example', 'Jose\u0301.U\u0308nal@EXT.example'],
        ['STRAẞE@bücher.example', 'straße@xn--bcher-kva.example', 'STRASSE@BÜCHER.EXAMPLE'],
        ['ΣΟΦΊΑ@example.gr', 'σοφία@example.gr', 'ΣΟΦΊΑ@EXAMPLE.GR'],
        ['ИВАН@пример.рф', 'иван@xn--e1afmkfd.xn--p1ai', 'Иван@ПРИМЕР.РФ'],
        ['@Bücher.Example', '@xn--bcher-kva.example', '@BÜCHER.example.'],
      ];
      for (const [first, ...others] of spellings) {
        const { entry, added } = await addDoNotTrack(db, ws, first!, 'admin', user.id);
        assert.equal(added, true, first);
        for (const spelling of others) {
          const again = await addDoNotTrack(db, ws, spelling, 'admin', user.id);
          assert.deepEqual(again, { entry, added: false }, spelling);
        }
      }
      // Look-alikes in another script stay apart: Cyrillic а and Latin a.
      const latin = await addDoNotTrack(db, ws, 'anna@example.org', 'admin', user.id);
      const cyrillic = await addDoNotTrack(db, ws, '\u0430nna@example.org', 'admin', user.id);
      assert.equal(cyrillic.added, true);
      assert.notEqual(cyrillic.entry, latin.entry);
      assert.equal((await doNotTrackList(db, ws)).length, spellings.length + 2);
      // An admin's entry is removed in any spelling.
      await removeDoNotTrack(db, ws, 'Straße@BÜCHER.example');
      assert.equal((await doNotTrackList(db, ws)).length, spellings.length + 1);
    });
  });
}
