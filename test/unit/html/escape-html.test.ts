import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml } from '../../../src/html/index.js';

describe('escapeHtml', () => {
  it('escapes what could end text or either quoted attribute, and nothing else', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    );
    assert.equal(escapeHtml('Grüße — «ok»'), 'Grüße — «ok»');
    assert.equal(escapeHtml('&amp;'), '&amp;amp;', 'escaped text is escaped again, not trusted');
  });
});
