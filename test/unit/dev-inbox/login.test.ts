import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { devInboxLogin, workspaceOfLogin } from '../../../src/dev-inbox/index.js';
import { createKeyring } from '../../../src/keyring/index.js';

const OLD = 'o'.repeat(32);
const NEW = 'n'.repeat(32);

describe('the dev inbox login', () => {
  it('proves the workspace it was made for, under the current secret or a rotated one', () => {
    const before = devInboxLogin(createKeyring([OLD]), 'w1');
    const rotated = createKeyring([NEW, OLD]);
    const now = devInboxLogin(rotated, 'w1');
    assert.equal(workspaceOfLogin(rotated, now.username, now.password), 'w1');
    assert.equal(workspaceOfLogin(rotated, before.username, before.password), 'w1');
  });

  it('proves nothing with another workspace’s password, a guess or another secret', () => {
    const keyring = createKeyring([NEW]);
    const mine = devInboxLogin(keyring, 'w1');
    const theirs = devInboxLogin(keyring, 'w2');
    assert.equal(workspaceOfLogin(keyring, mine.username, theirs.password), undefined);
    assert.equal(workspaceOfLogin(keyring, mine.username, 'guess'), undefined);
    assert.equal(workspaceOfLogin(keyring, 'whoever', mine.password), undefined);
    const elsewhere = devInboxLogin(createKeyring([OLD]), 'w1');
    assert.equal(workspaceOfLogin(keyring, elsewhere.username, elsewhere.password), undefined);
  });
});
