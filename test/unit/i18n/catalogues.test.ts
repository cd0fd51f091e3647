import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LANGUAGE, LANGUAGES, wording } from '../../../src/i18n/index.js';
import { italianArticle } from '../../../src/i18n/it/article.js';

/**
 * Every leaf of a catalogue as `path: kind`, kind being the type of the leaf. The type system
 * already holds each catalogue to English's shape; this catches what an `any` or a cast lets by.
 */
function shape(value: unknown, path = ''): string[] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, entry]) => shape(entry, `${path}.${key}`));
  }
  return [`${path}: ${typeof value}`];
}

function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, entry]) => strings(entry, `${path}.${key}`));
  }
  return [];
}

describe('the locale registry', () => {
  const english = wording(DEFAULT_LANGUAGE);

  for (const language of LANGUAGES) {
    it(`has every English entry, and no other, in ${language}`, () => {
      assert.deepEqual(shape(wording(language)).sort(), shape(english).sort());
    });

    it(`leaves no wording empty in ${language}`, () => {
      const empty = strings(wording(language)).filter(([, text]) => text.trim() === '');
      assert.deepEqual(empty, []);
    });
  }

  it('writes twelve months in every language', () => {
    for (const language of LANGUAGES) assert.equal(wording(language).formats.months.length, 12);
  });
});

describe('italianArticle', () => {
  it('picks the Italian article the day needs', () => {
    assert.equal(italianArticle('27 dicembre 2026', ''), 'il ');
    assert.equal(italianArticle('8 marzo 2026', ''), 'l’');
    assert.equal(italianArticle('11 aprile 2026', 'a'), 'all’');
    assert.equal(italianArticle('18 aprile 2026', 'a'), 'al ');
    assert.equal(italianArticle('1° gennaio 2027', 'da'), 'dal ');
    assert.equal(italianArticle('8 marzo 2026', 'da'), 'dall’');
  });
});
