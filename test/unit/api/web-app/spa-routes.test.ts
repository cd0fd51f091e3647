import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spaPath } from '../../../../src/api/web-app/spa-routes.js';

describe('spaPath', () => {
  it('is the route itself when it has no params', () => {
    assert.equal(spaPath('messages'), '/messages');
  });

  it('fills each :param with its value, encoded as one segment', () => {
    assert.equal(spaPath('message', { id: 'a/b c' }), '/messages/a%2Fb%20c');
  });

  it('fills a final * with the rest of the path, segment by segment', () => {
    assert.equal(
      spaPath('settingsSection', { '*': 'webhooks/new one' }),
      '/settings/webhooks/new%20one',
    );
  });
});
