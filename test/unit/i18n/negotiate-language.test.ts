import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Language, negotiateLanguage } from '../../../src/i18n/index.js';

describe('negotiateLanguage', () => {
  const cases: [string | undefined, Language][] = [
    ['it-IT,it;q=0.9,en;q=0.8', 'it'],
    ['it', 'it'],
    ['it-CH', 'it'],
    ['IT-it', 'it'],
    ['en-US,it;q=0.5', 'en'],
    ['fr', 'en'],
    ['it;q=0, en', 'en'],
    ['it;q=0', 'en'],
    ['en;q=0.5, it;q=0.8', 'it'],
    ['fr-FR, it;q=0.5', 'it'],
    ['de, *;q=0.5, it;q=0.4', 'en'],
    ['en, it', 'en'],
    ['it ; q=0.7 , en ; q=0.6', 'it'],
    ['it;q=2', 'en'],
    ['it;q=abc', 'en'],
    ['<script>', 'en'],
    [';;;,,,q=1', 'en'],
    ['itx', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${expected}`, () => {
      assert.equal(negotiateLanguage(header), expected);
    });
  }

  it('copes with a huge header', () => {
    assert.equal(negotiateLanguage(`${'x-'.repeat(100_000)}a, it`), 'en');
    assert.equal(negotiateLanguage(`it, ${'fr;q=0.1, '.repeat(100_000)}`), 'it');
  });
});
