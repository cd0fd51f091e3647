import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { waitUntil } from '../../helpers/wait.js';

/** Literal hosts the schema takes (no colon: IPv6 only comes through DNS below), each refused. */
const LITERAL_HOSTS = [
  ['10.0.0.1', 'private'],
  ['10.200.3.4', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.254', 'private'],
  ['192.168.0.1', 'private'],
  ['192.168.100.100', 'private'],
  ['127.0.0.1', 'loopback'],
  ['127.8.9.10', 'loopback'],
  ['2130706433', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['169.254.169.254', 'link-local'],
  ['169.254.1.1', 'link-local'],
  ['100.64.0.1', 'shared (CGNAT)'],
  ['100.127.0.9', 'shared (CGNAT)'],
  ['0.0.0.0', 'unspecified'],
  ['localhost', 'this machine'],
  ['mail.localhost', 'this machine'],
] as const;

/** What a name may resolve to, each refused: IPv6 kinds and every translated form. */
const ANSWERS = [
  [['::1'], 'loopback'],
  [['fe80::1'], 'link-local'],
  [['febf:ffff::2'], 'link-local'],
  [['fc00::25'], 'unique-local'],
  [['fd12:3456::1'], 'unique-local'],
  [['::ffff:127.0.0.1'], 'loopback (IPv4-mapped)'],
  [['::ffff:a00:1'], 'private (IPv4-mapped)'],
  [['::ffff:0:192.168.1.1'], 'private (IPv4-translated)'],
  [['::ffff:0:a9fe:a9fe'], 'link-local (IPv4-translated)'],
  [['64:ff9b::7f00:1'], 'loopback (NAT64)'],
  [['64:ff9b::100.64.0.1'], 'shared (CGNAT) (NAT64)'],
  [['64:ff9b:1::808:808'], 'NAT64 (local use)'],
  [['2002:ac10:1::1'], 'private (6to4)'],
  [['2002:0:0::1'], 'unspecified (6to4)'],
  [['93.184.215.14', '10.1.1.1'], 'private'],
] as const;

/** DNS as the service sees it: the test says what each name answers, and changes it. */
function playedDns() {
  const answers = new Map<string, string[]>();
  const resolve = async (hostname: string) => answers.get(hostname) ?? [];
  return { answers, resolve };
}

/** Sends a message that will not be delivered; returns its first recipient once `until` holds. */
async function sendUntil(admin: HttpClient, until: (recipient: any) => boolean) {
  const sent = await sendTrackedMessage(admin);
  return waitUntil(async () => {
    const recipient = (await admin.get(`/api/v1/messages/${sent.id}`)).body.recipients[0];
    return until(recipient) ? recipient : undefined;
  }, 'the delivery outcome');
}

for (const engine of testEngines()) {
  describe(`workspace relays under the outbound policy (${engine})`, () => {
    const dns = playedDns();
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;

    before(async () => {
      relay = await startTestRelay();
      // Without ALLOW_PRIVATE_NETWORKS; the installation's own relay (SMTP_URL) is not checked.
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url },
        { resolve: dns.resolve, outbox: { pollMs: 100, retryDelaysMs: [60_000] } },
      );
      admin = (await signupAdmin(server.url)).client;
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    const patchRelay = (host: string, port = 25) =>
      admin.patch('/api/v1/workspace/settings', { smtpRelay: { host, port, security: 'none' } });

    it('refuses at save every private, loopback, link-local, CGNAT and unspecified host (400, naming the rule)', async () => {
      for (const [host, kind] of LITERAL_HOSTS) {
        const reply = await patchRelay(host);
        assert.equal(reply.status, 400, host);
        assert.deepEqual(Object.keys(reply.body.error).sort(), ['code', 'message']);
        assert.equal(reply.body.error.code, 'relay_host_forbidden', host);
        assert.ok(reply.body.error.message.includes(kind), `${host}: ${reply.body.error.message}`);
        assert.match(reply.body.error.message, /ALLOW_PRIVATE_NETWORKS/);
      }
      assert.equal((await admin.get('/api/v1/workspace/settings')).body.smtpRelay, null);
    });

    it('refuses at save a name that resolves to any refused or translated address', async () => {
      for (const [answer, kind] of ANSWERS) {
        dns.answers.set('relay.example.net', [...answer]);
        const reply = await patchRelay('relay.example.net');
        assert.equal(reply.status, 400, answer.join());
        assert.equal(reply.body.error.code, 'relay_host_forbidden');
        assert.ok(
          reply.body.error.message.includes(`resolves to a ${kind} address`),
          reply.body.error.message,
        );
      }
      dns.answers.delete('relay.example.net');
      const unknown = await patchRelay('relay.example.net');
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.code, 'relay_host_unresolvable');
      assert.equal((await admin.get('/api/v1/workspace/settings')).body.smtpRelay, null);
    });

    it('checks again at connect time: a name that turned private (DNS rebinding) reaches nothing', async () => {
      const workspaceRelay = await startTestRelay();
      try {
        dns.answers.set('rebind.example.net', ['93.184.215.14']);
        const saved = await patchRelay('rebind.example.net', workspaceRelay.port);
        assert.equal(saved.status, 200, saved.text);
        for (const [answer, kind] of [
          [['127.0.0.1'], 'loopback'],
          [['::ffff:7f00:1'], 'loopback (IPv4-mapped)'],
          [['64:ff9b::127.0.0.1'], 'loopback (NAT64)'],
          [['::1'], 'loopback'],
        ] as const) {
          dns.answers.set('rebind.example.net', [...answer]);
          const recipient = await sendUntil(admin, (r) => r.delivery === 'rejected');
          assert.ok(
            recipient.smtpResponse.includes(
              `the outbound policy refuses it: rebind.example.net resolves to a ${kind} address`,
            ),
            recipient.smtpResponse,
          );
        }
        assert.equal(workspaceRelay.messages.length, 0, 'nothing reached the loopback relay');
      } finally {
        await admin.patch('/api/v1/workspace/settings', { smtpRelay: null });
        await workspaceRelay.close();
      }
    });
  });

  describe(`what a failed relay connection leaves behind (${engine})`, () => {
    const sockets = new Set<Socket>();
    let service: Server;
    let banner = '';
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;

    before(async () => {
      // A local service that is not SMTP: it greets with its own words, which may be secret.
      service = createServer((socket) => {
        sockets.add(socket);
        socket.end(banner);
      });
      await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url, ALLOW_PRIVATE_NETWORKS: 'true' },
        { outbox: { pollMs: 100, retryDelaysMs: [60_000] } },
      );
      admin = (await signupAdmin(server.url)).client;
    });
    after(async () => {
      await server.close();
      await relay.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => service.close(() => resolve()));
    });

    it('keeps a fixed description, never the banner of a non-SMTP service (SSRF)', async () => {
      const { port } = service.address() as { port: number };
      const saved = await admin.patch('/api/v1/workspace/settings', {
        smtpRelay: { host: '127.0.0.1', port, security: 'none' },
      });
      assert.equal(saved.status, 200, 'ALLOW_PRIVATE_NETWORKS lets a loopback relay be saved');
      for (const said of [
        'SSH-2.0-OpenSSH_9.6 s3cr3t-build\r\n',
        'HTTP/1.1 200 OK\r\nX-Token: s3cr3t\r\n\r\n{"s3cr3t": true}\r\n',
        '+OK Redis s3cr3t\r\n',
      ]) {
        banner = said;
        const recipient = await sendUntil(admin, (r) => r.delivery === 'deferred');
        assert.doesNotMatch(recipient.smtpResponse, /s3cr3t|OpenSSH|HTTP|Redis/);
        assert.match(recipient.smtpResponse, /the server did not answer as an SMTP relay does/);
      }
    });

    it('keeps a real SMTP reply as its code and text', async () => {
      banner = '554 5.3.2 relay closed for maintenance\r\n';
      const recipient = await sendUntil(admin, (r) => r.delivery === 'rejected');
      assert.match(recipient.smtpResponse, /^554 5\.3\.2 relay closed for maintenance$/);
    });
  });
}
