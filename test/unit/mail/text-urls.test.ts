import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instrumentMail } from '../../../src/mail/instrument/index.js';
import { findTextUrls } from '../../../src/mail/instrument/text-urls.js';

const clickUrl = ({ index }: { index: number }) => `https://t.mb.test/c/${index}`;

/** [sentence, the URLs a reader sees in it]: the rest of the sentence must stay as it is. */
const SENTENCES: [string, string, string[]][] = [
  [
    'Japanese',
    '詳細：https://www.example.jp/info。よろしくお願いします。',
    ['https://www.example.jp/info'],
  ],
  [
    'Japanese, glued',
    '詳細はhttps://www.example.jp/a、またはhttps://www.example.jp/bへ。',
    ['https://www.example.jp/a', 'https://www.example.jp/b'],
  ],
  [
    'Japanese brackets',
    '資料（https://www.example.jp/doc）と「https://www.example.jp/q」をご覧ください',
    ['https://www.example.jp/doc', 'https://www.example.jp/q'],
  ],
  ['Japanese lenticular', '【https://www.example.jp/sale】です', ['https://www.example.jp/sale']],
  ['Chinese', '请看https://www.example.cn/a，谢谢！', ['https://www.example.cn/a']],
  [
    'Chinese, exclamation',
    '活动页面：https://www.example.cn/event！马上报名。',
    ['https://www.example.cn/event'],
  ],
  [
    'Korean',
    '자세한 내용은 https://www.example.kr/정보 를 보세요.',
    ['https://www.example.kr/정보'],
  ],
  ['Korean, full stop', '링크: https://www.example.kr/a.', ['https://www.example.kr/a']],
  ['German', 'Siehe „https://www.example.de/angebot“.', ['https://www.example.de/angebot']],
  ['German, single', 'Siehe ‚https://www.example.de/b‘, bitte.', ['https://www.example.de/b']],
  ['French', '« https://www.example.fr/offre » et voilà !', ['https://www.example.fr/offre']],
  [
    'French, glued',
    'Voir «https://www.example.fr/offre», merci.',
    ['https://www.example.fr/offre'],
  ],
  ['Spanish', '¿Viste https://www.example.es/oferta?', ['https://www.example.es/oferta']],
  [
    'Spanish, exclamation',
    '¡Mira https://www.example.es/oferta!',
    ['https://www.example.es/oferta'],
  ],
  ['Russian', 'См. «https://www.example.ru/предложение».', ['https://www.example.ru/предложение']],
  ['Arabic', 'انظر https://www.example.sa/عرض، شكرا', ['https://www.example.sa/عرض']],
  ['Arabic, question', 'هل رأيت https://www.example.sa/a؟', ['https://www.example.sa/a']],
  [
    'English, quotes',
    'It’s at ‘https://x.example/y’, or “https://x.example/z”.',
    ['https://x.example/y', 'https://x.example/z'],
  ],
  ['ellipsis', 'More at https://x.example/a?b=c&d=e… soon', ['https://x.example/a?b=c&d=e']],
  ['full-width space', 'URL https://x.example/p　次', ['https://x.example/p']],
  [
    'wiki brackets',
    'wiki https://en.wikipedia.org/wiki/Foo_(bar).',
    ['https://en.wikipedia.org/wiki/Foo_(bar)'],
  ],
  [
    'nested',
    'https://a.example/?next=https://b.example/x',
    ['https://a.example/?next=https://b.example/x'],
  ],
];

describe('URLs in plain text', () => {
  for (const [language, sentence, urls] of SENTENCES) {
    it(`ends each URL where a reader sees it end (${language})`, () => {
      assert.deepEqual(
        findTextUrls(sentence).map((found) => found.url),
        urls,
      );
      const { text, links } = instrumentMail({ text: sentence }, { clickUrl });
      assert.deepEqual(
        links.map((link) => link.url),
        urls,
      );
      // Everything around the links is exactly as written.
      let expected = sentence;
      urls.forEach((url, index) => {
        expected = expected.replace(url, `https://t.mb.test/c/${index}`);
      });
      assert.equal(text, expected);
    });
  }

  it('leaves words ending in a scheme, and a scheme with nothing after it, alone', () => {
    for (const text of [
      'xhttps://a.example/',
      'Привет,https://',
      'https://。',
      'texthttp://a.example',
    ]) {
      assert.deepEqual(findTextUrls(text), [], text);
    }
  });
});
