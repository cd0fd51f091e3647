import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTargetUrl, checkWebhookTarget } from '../../../../src/notify/webhooks/index.js';
import { noDns, resolvesTo } from '../../../helpers/fake-dns.js';

describe('webhook target check: URLs', () => {
  const check = (url: string, allowPrivate = false) => checkTargetUrl(url, allowPrivate);

  it('takes http and https only, without credentials', () => {
    assert.equal(check('https://hooks.example.com/mailbeacon').ok, true);
    assert.equal(check('http://93.184.215.14:8080/hook').ok, true);
    for (const url of [
      'ftp://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'gopher://x/',
      'not a url',
      '//example.com/',
    ]) {
      const result = check(url);
      assert.equal(result.ok, false, url);
      assert.equal(!result.ok && result.problem, 'invalid', url);
    }
    const withUser = check('https://user:pass@hooks.example.com/');
    assert.equal(!withUser.ok && withUser.problem, 'invalid');
    assert.match(!withUser.ok ? withUser.reason : '', /user name or password/);
  });

  it('refuses localhost by name, whatever its case or trailing dot', () => {
    for (const url of [
      'http://localhost/',
      'http://LOCALHOST:3000/x',
      'http://localhost./',
      'http://api.localhost/',
    ]) {
      const result = check(url);
      assert.equal(!result.ok && result.problem, 'forbidden', url);
    }
  });

  it('refuses loopback written as decimal, octal, hex or shortened IPv4 (decimal/octal tricks)', () => {
    for (const url of [
      'http://2130706433/',
      'http://0x7f.1/',
      'http://0177.0.0.1/',
      'http://017700000001/',
      'http://127.1/',
      'http://0/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:ffff:7f00:1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00::1]:8080/',
    ]) {
      const result = check(url);
      assert.equal(result.ok, false, url);
      assert.equal(!result.ok && result.problem, 'forbidden', url);
    }
  });

  it('lets private targets through with WEBHOOK_ALLOW_PRIVATE, but never other schemes or credentials', () => {
    assert.equal(check('http://127.0.0.1:9999/hook', true).ok, true);
    assert.equal(check('http://localhost/', true).ok, true);
    assert.equal(check('ftp://127.0.0.1/', true).ok, false);
    assert.equal(check('http://a:b@127.0.0.1/', true).ok, false);
  });
});

describe('webhook target check: DNS', () => {
  it('refuses a host that resolves to a private address, or to one among public ones', async () => {
    const internal = await checkWebhookTarget('https://hooks.example.com/x', {
      allowPrivate: false,
      resolve: resolvesTo('10.0.0.7'),
    });
    assert.equal(!internal.ok && internal.problem, 'forbidden');
    assert.match(
      !internal.ok ? internal.reason : '',
      /hooks\.example\.com resolves to a private address \(10\.0\.0\.7\)/,
    );
    const mixed = await checkWebhookTarget('https://hooks.example.com/x', {
      allowPrivate: false,
      resolve: resolvesTo('93.184.215.14', '::1'),
    });
    assert.equal(!mixed.ok && mixed.problem, 'forbidden');
  });

  it('accepts a host whose every address is public', async () => {
    const result = await checkWebhookTarget('https://hooks.example.com/x', {
      allowPrivate: false,
      resolve: resolvesTo('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'),
    });
    assert.equal(result.ok, true);
  });

  it('says so when the host does not resolve', async () => {
    const result = await checkWebhookTarget('https://nowhere.invalid/', {
      allowPrivate: false,
      resolve: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
      },
    });
    assert.equal(!result.ok && result.problem, 'unresolvable');
  });

  it('asks DNS neither for literal addresses nor with WEBHOOK_ALLOW_PRIVATE', async () => {
    assert.equal(
      (await checkWebhookTarget('http://93.184.215.14/', { allowPrivate: false, resolve: noDns }))
        .ok,
      true,
    );
    assert.equal(
      (await checkWebhookTarget('http://[::1]/', { allowPrivate: false, resolve: noDns })).ok,
      false,
    );
    assert.equal(
      (await checkWebhookTarget('http://intranet.corp/', { allowPrivate: true, resolve: noDns }))
        .ok,
      true,
    );
  });
});
