import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, verifyPassword } from '../../../src/accounts/passwords.js';

describe('password hashing', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hashPassword('correct horse battery staple');
    assert.equal(await verifyPassword('correct horse battery staple', stored), true);
    assert.equal(await verifyPassword('correct horse battery stapler', stored), false);
    assert.equal(await verifyPassword('', stored), false);
  });

  it('carries its parameters and a fresh salt: one password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    assert.match(a, /^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('same', b), true);
  });

  it('treats the Unicode forms of one password alike (NFKC)', async () => {
    const stored = await hashPassword('Ca\u0301fe\u0301'); // combining accents
    assert.equal(await verifyPassword('Cáfé', stored), true);
  });

  it('refuses a stored value it cannot read instead of throwing', async () => {
    assert.equal(await verifyPassword('x', 'plain-text'), false);
    assert.equal(await verifyPassword('x', 'bcrypt$10$8$1$salt$hash'), false);
    assert.equal(await verifyPassword('x', 'scrypt$32768$8$1$$'), false);
  });
});
