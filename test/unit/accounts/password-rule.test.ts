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

/** Asserts every member of `kind` is refused with a message naming `rule`. */
function refusesAll(members: readonly (string | [string, string])[], rule: RegExp): void {
  for (const member of members) {
    const [password, email] = typeof member === 'string' ? [member, undefined] : member;
    assert.match(refusal(password, email) ?? 'accepted', rule, JSON.stringify(member));
  }
}

describe('the password rule (NIST SP 800-63B §5.1.1.2)', () => {
  it('refuses fewer than 10 characters, counted as code points, invisible ones not counted', () => {
    assert.match(refusal('k7#vQ2!mz') ?? '', /at least 10 characters/);
    assert.match(refusal('😀😀😀😀😀😀😀😀😀') ?? '', /at least 10/);
    assert.match(refusal('k7#vQ2!mz\u200b') ?? '', /at least 10/);
    assert.match(refusal('k7#vQ2!m\u00ad\u2060') ?? '', /at least 10/);
    assert.equal(refusal('😀😃😄😁😆😅🤣😂🙂🙃'), undefined);
  });

  it('refuses too few different characters, whatever they are', () => {
    refusesAll(
      [
        '          ',
        '!!!!!!!!!!',
        'aaaaaaaaaa',
        '0000000000',
        'AaAaAaAaAaAa',
        'ab ab ab ab ab',
        '\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000',
        'ａａａａａａａａａａ',
        'xxxx\u200byyy\u200bzzz',
        '.-.-.-.-.-.-',
        'abcabcabca',
        '12121212121',
        '😀😀😀😀😀😀😀😀😀😀x',
      ],
      /different characters/,
    );
  });

  it('refuses runs, sequences and repeated patterns that make up the whole password', () => {
    refusesAll(
      [
        'abcdefghij',
        '1234567890',
        'qwertyuiop',
        'ABCDEFGHIJK',
        'абвгдежзий',
        'zyxwvutsrqpo',
        '0987654321',
        '2345678901',
        'qwertyuiop[]',
        'poiuytrewq',
        'asdfghjkl;',
        'zxcvbnm,./',
        'qwertzuiop',
        'azertyuiop',
        '!@#$%^&*()',
        '1234abcd5678',
        'abcd1234wxyz',
        'aaaabbbbccccdddd',
        'kfc9kfc9kfc9',
        '1357135713571',
        'x9!Kx9!Kx9!K',
        'a b c d e f g h i j',
        'abcdefghij!',
        '1qaz2wsx3edc',
      ],
      /run or sequence|repeat/,
    );
  });

  it('refuses a common or breached password, in any case, with digits or symbols or invisible characters around it', () => {
    refusesAll(
      [
        'PASSWORD123',
        'Password2026!',
        '!!iloveyou!!',
        'password\u200b\u200b12',
        '\u200bpassword\u200b\u00ad!!',
        'ｐａｓｓｗｏｒｄ１２',
        'pass word 2026',
        'i love you 123',
      ],
      /common or breached/,
    );
  });

  it('refuses the account’s address, its local part or the service’s name with only digits or symbols around', () => {
    refusesAll(
      [
        ['anna.rossi.work@example.com', 'Anna.Rossi.Work@example.com'],
        ['anna.rossi.work', 'anna.rossi.work@example.com'],
        ['selfpw3@example.com!', 'selfpw3@example.com'],
        [' selfpw4@example.com', 'selfpw4@example.com'],
        ['selfpw5@example.com1', 'selfpw5@example.com'],
        ['longlocalpa2!!', 'longlocalpa2@example.com'],
        ['!!LongLocalPa2 2026', 'longlocalpa2@example.com'],
        ['longlocalpa2!longlocalpa2', 'longlocalpa2@example.com'],
        'mailbeacon',
        'Mailbeacon2026!',
        '#MAILBEACON#',
        'mail beacon 1',
      ],
      /email address|service/,
    );
  });

  it('refuses what a tester got accepted at invite signup', () => {
    refusesAll(
      [
        '          ',
        '!!!!!!!!!!',
        'aaaaaaaaaa',
        '0000000000',
        'password\u200b\u200b',
        ['selfpw3@example.com!', 'selfpw3@example.com'],
        [' selfpw4@example.com', 'selfpw4@example.com'],
        ['selfpw5@example.com1', 'selfpw5@example.com'],
        ['longlocalpa2!!', 'longlocalpa2@example.com'],
      ],
      /^The password/,
    );
  });

  it('refuses what a second tester got accepted: other invisible padding, the address run together', () => {
    refusesAll(
      [
        'password\u3164\u3164\u3164',
        'password\u115f\u1160\uffa0',
        'password\u034f\u034f\u034f',
        'password\ufe0f\ufe0f\ufe0f',
        'password\u{e0100}\u{e0100}',
        'password\u17b4\u17b5\u17b4',
        'q\u3164w\u3164e\u3164r\u3164t\u3164y\u3164u\u3164i\u3164o\u3164p',
        ['johnathansmithers', 'johnathan.smithers@example.com'],
        ['johnathansmithers1', 'johnathan.smithers@example.com'],
        ['johnathan smithers', 'johnathan.smithers@example.com'],
        ['johnathan_smithers', 'johnathan.smithers@example.com'],
        ['johnathan-smithers', 'johnathan.smithers@example.com'],
        ['katewinslow', 'kate.winslow@example.com'],
        'mail.beacon.2024',
      ],
      /^The password/,
    );
  });

  it('refuses more than 256 characters', () => {
    assert.match(refusal('x'.repeat(257)) ?? '', /at most 256/);
  });

  it('accepts strong passwords of every kind, spaces and all', () => {
    for (const [password, email] of [
      ['correct horse battery staple'],
      ['long-enough-password'],
      ['long enough password'],
      ['日本語のパスワードです'],
      ['Пароль-для-меня-2026'],
      ['🦊🌲🔥🎻🐙🌵🚲🍄🎈🧊'],
      ['👨‍👩‍👧 and 🐕 went to the 🏖️'],
      ['vG7#qL2!x9@Rb4$Wm8^kT1&zN'],
      ['p@ss w0rd:secret with more'],
      ['anna likes mailbeacon a lot', 'anna@example.com'],
      ['my name is not anna.rossi', 'anna.rossi@example.com'],
      ['abcdef-Tulip-Harbor-93'],
      ['pw-tag-long-enough'],
      ['Tr0ub4dor&3 horses'],
    ] as [string, string?][]) {
      assert.equal(refusal(password, email), undefined, password);
    }
  });
});
