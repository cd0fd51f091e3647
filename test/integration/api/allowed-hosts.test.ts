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

/** The status line of a raw request (HTTP/1.0 may come without any Host header). */
function rawStatusLine(base: string, text: string): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(text));
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
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

  it('answers HTTP/1.0 without a Host (a proxy’s health check), refuses an empty Host', async () => {
    assert.match(await rawStatusLine(server.url, 'GET /healthz HTTP/1.0\r\n\r\n'), / 200 /);
    assert.match(
      await rawStatusLine(
        server.url,
        'GET /healthz HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n',
      ),
      / 421 /,
    );
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
