import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertPasswordAllowed } from '../../../src/accounts/index.js';

function refusal(password: string, email?: string): string | undefined {
  try {
    assertPasswordAllowed(password, email);
    return undefined;
  } catch (error) {
    assert.equal((error as { code?: string }).code, 'weak_password');
    return (error as Error).message;
  }
}

describe('the password rule (NIST SP 800-63B §5.1.1.2)', () => {
  it('refuses fewer than 10 characters, counted as code points', () => {
    assert.match(refusal('k7#vQ2!mz') ?? '', /at least 10 characters/);
    assert.match(refusal('😀😀😀😀😀😀😀😀😀') ?? '', /at least 10/);
    assert.equal(refusal('😀😀😀😀😀😀😀😀😀😀x'), undefined);
  });

  it('refuses a common or breached password, in any case, and with digits or symbols around it', () => {
    for (const common of [
      '1234567890',
      'qwertyuiop',
      'PASSWORD123',
      'Password2026!',
      '!!iloveyou!!',
    ]) {
      assert.match(refusal(common) ?? '', /common or breached/, common);
    }
  });

  it('refuses the account’s own address or its local part', () => {
    assert.match(
      refusal('anna.rossi.work@example.com', 'Anna.Rossi.Work@example.com') ?? '',
      /email/,
    );
    assert.match(refusal('anna.rossi.work', 'anna.rossi.work@example.com') ?? '', /email/);
  });

  it('refuses more than 256 characters and accepts long passphrases', () => {
    assert.match(refusal('x'.repeat(257)) ?? '', /at most 256/);
    assert.equal(refusal('correct horse battery staple'), undefined);
    assert.equal(refusal('long-enough-password'), undefined);
  });
});
