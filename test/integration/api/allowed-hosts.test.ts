import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestService, type TestService } from '../../helpers/test-service.js';

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

/** A GET with the Host header as given (fetch would not let a test choose it). */
function getWithHost(base: string, path: string, host: string): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { hostname: url.hostname, port: url.port, path: url.pathname, headers: { host } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            type: String(response.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** A raw request's answer, written as given: tests choose the request line and Host lines. */
function rawRequest(base: string, text: string): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(text));
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
    });
    socket.on('end', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      const type = /^content-type: *(.*)$/im.exec(head)?.[1] ?? '';
      resolve({ status, type, body });
    });
    socket.on('error', reject);
  });
}

/** The answer is `status` with the API's JSON error body, its code `code`. */
function assertJsonRefusal(answer: Answer, status: number, code: string, what: string): void {
  assert.equal(answer.status, status, `${what}: ${answer.status} ${answer.body}`);
  assert.match(answer.type, /^application\/json/, what);
  assert.equal(JSON.parse(answer.body).error.code, code, what);
  assert.equal(typeof JSON.parse(answer.body).error.message, 'string', what);
}

// The guard runs before anything touches the database: one engine is enough.
describe('ALLOWED_HOSTS: any other Host is 421 Misdirected Request', () => {
  let server: TestService;
  before(async () => {
    server = await startTestService('sqlite', {
      PUBLIC_URL: 'https://app.example.com',
      TRACKING_URL: 'https://t.example.net',
    });
  });
  after(() => server?.close());

  it('answers the hosts of PUBLIC_URL and TRACKING_URL and the loopback names, any port or case', async () => {
    for (const host of [
      'app.example.com',
      'T.Example.NET:443',
      'localhost:3000',
      '127.0.0.1',
      '[::1]:8080',
    ]) {
      assert.equal((await getWithHost(server.url, '/healthz', host)).status, 200, host);
    }
  });

  it('refuses another name with the API’s JSON error', async () => {
    for (const path of ['/api/v1/messages', '/healthz', '/', '/no/such/page']) {
      const answer = await getWithHost(server.url, path, 'rebind.attacker.example:3000');
      assert.equal(answer.status, 421, path);
      assert.match(answer.type, /^application\/json/, path);
      assert.equal(JSON.parse(answer.body).error.code, 'misdirected_request', path);
      assert.equal(typeof JSON.parse(answer.body).error.message, 'string');
    }
  });

  it('refuses another name on /t/* with the recipient’s page', async () => {
    const answer = await getWithHost(server.url, '/t/o/anything', 'rebind.attacker.example');
    assert.equal(answer.status, 421);
    assert.match(answer.type, /^text\/html/);
    assert.match(answer.body, /<html/i);
  });

  it('refuses with the recipient’s page a tracking path written with escapes (/%74/…)', async () => {
    for (const path of ['/%74/o/anything', '/%74/c/abc', '/t/%6F/anything']) {
      const answer = await getWithHost(server.url, path, 'rebind.attacker.example');
      assert.equal(answer.status, 421, path);
      assert.match(answer.type, /^text\/html/, path);
      assert.match(answer.body, /<html/i, path);
      const doubled = await rawRequest(
        server.url,
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
      );
      assert.equal(doubled.status, 400, path);
      assert.match(doubled.body, /<html/i, path);
    }
  });

  it('refuses HTTP/1.0 without a Host (421) and an empty Host (421)', async () => {
    for (const path of ['/healthz', '/api/v1/messages', '/']) {
      const answer = await rawRequest(server.url, `GET ${path} HTTP/1.0\r\n\r\n`);
      assertJsonRefusal(answer, 421, 'misdirected_request', `HTTP/1.0 ${path}`);
    }
    const empty = await rawRequest(
      server.url,
      'GET /healthz HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n',
    );
    assertJsonRefusal(empty, 421, 'misdirected_request', 'empty Host');
  });

  it('refuses HTTP/1.1 without a Host with 400 and the error body (RFC 9112 §3.2)', async () => {
    for (const path of ['/healthz', '/api/v1/messages']) {
      const answer = await rawRequest(
        server.url,
        `GET ${path} HTTP/1.1\r\nConnection: close\r\n\r\n`,
      );
      assertJsonRefusal(answer, 400, 'bad_request', `no Host ${path}`);
    }
    const page = await rawRequest(server.url, 'GET /t/o/x HTTP/1.1\r\nConnection: close\r\n\r\n');
    assert.equal(page.status, 400);
    assert.match(page.type, /^text\/html/);
  });

  it('refuses more than one Host header with 400 and the error body (RFC 9112 §3.2)', async () => {
    for (const hosts of [
      ['127.0.0.1', 'evil.example'],
      ['evil.example', '127.0.0.1'],
      ['127.0.0.1', '127.0.0.1'],
      ['localhost', 'LOCALHOST:3000', 'localhost'],
    ]) {
      const lines = hosts.map((host, index) => `${index % 2 ? 'HOST' : 'Host'}: ${host}\r\n`);
      const answer = await rawRequest(
        server.url,
        `GET /healthz HTTP/1.1\r\n${lines.join('')}Connection: close\r\n\r\n`,
      );
      assertJsonRefusal(answer, 400, 'bad_request', hosts.join(' + '));
    }
    const page = await rawRequest(
      server.url,
      'GET /t/o/x HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n',
    );
    assert.equal(page.status, 400);
    assert.match(page.type, /^text\/html/);
    assert.match(page.body, /<html/i);
  });

  it('checks the host of an absolute-form target, which takes precedence (RFC 9112 §3.2.2)', async () => {
    for (const target of [
      'http://evil.example/healthz',
      'https://evil.example:3000/api/v1/messages',
      'http://127.0.0.1.evil.example/healthz',
      'http://user@evil.example/healthz',
    ]) {
      const answer = await rawRequest(
        server.url,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      );
      assertJsonRefusal(answer, 421, 'misdirected_request', target);
    }
    const page = await rawRequest(
      server.url,
      'GET http://evil.example/t/o/x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    );
    assert.equal(page.status, 421);
    assert.match(page.type, /^text\/html/);
    // Ours in the target, another in Host: the app reads Host downstream, so it must be ours too.
    const mixed = await rawRequest(
      server.url,
      'GET http://127.0.0.1/healthz HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n',
    );
    assertJsonRefusal(mixed, 421, 'misdirected_request', 'Host not ours');
    const ours = await rawRequest(
      server.url,
      'GET http://app.example.com/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    );
    assert.equal(ours.status, 200, ours.body);
  });

  it('refuses a name that differs only by a trailing dot or a suffix', async () => {
    for (const host of ['app.example.com.', 'app.example.com.attacker.example', 'localhost.']) {
      assert.equal((await getWithHost(server.url, '/healthz', host)).status, 421, host);
    }
  });
});

describe('ALLOWED_HOSTS set: only the names listed', () => {
  let server: TestService;
  before(async () => {
    server = await startTestService('sqlite', { ALLOWED_HOSTS: 'mail.example.org,127.0.0.1' });
  });
  after(() => server?.close());

  it('answers a listed name and refuses the defaults it replaced', async () => {
    assert.equal((await getWithHost(server.url, '/healthz', 'MAIL.example.org:3000')).status, 200);
    assert.equal((await getWithHost(server.url, '/healthz', 'localhost')).status, 421);
  });
});
