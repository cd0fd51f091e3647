import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldForSearch, messageSearchText } from '../../../src/mail/index.js';

describe('the sent list’s search text', () => {
  it('folds case the Unicode way and drops the accents of Latin, Greek and Cyrillic letters', () => {
    assert.equal(foldForSearch('CITTÀ'), 'citta');
    assert.equal(foldForSearch('Perché'), 'perche');
    assert.equal(foldForSearch('STRAẞE'), 'strasse');
    assert.equal(foldForSearch('Straße'), 'strasse');
    assert.equal(foldForSearch('ΣΟΦΊΑ'), foldForSearch('σοφια'));
    assert.equal(foldForSearch('Ёлка'), 'елка');
    // Decomposed and composed forms fold alike.
    assert.equal(foldForSearch('Cafe\u0301'), foldForSearch('CAFÉ'));
  });

  it('keeps the marks that make another letter in other scripts, and %, _ and \\ as they are', () => {
    assert.equal(foldForSearch('が'), 'が');
    assert.equal(foldForSearch('50%_a\\b'), '50%_a\\b');
  });

  it('writes the subject and each address and name folded, one per line', () => {
    assert.equal(
      messageSearchText({
        subject: 'Offerta CITTÀ',
        to: [{ email: 'Mario@Example.org', name: 'Mario Rossi' }],
        cc: [{ email: 'anna@example.org' }],
        bcc: [{ email: 'me@team.example', name: 'Zoë' }],
      }),
      'offerta citta\nmario@example.org\nmario rossi\nanna@example.org\nme@team.example\nzoe',
    );
  });
});
