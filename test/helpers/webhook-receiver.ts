/**
 * A real webhook receiver on loopback for integration tests: it records every request (headers
 * and raw body) and can be told to answer with another status, or be stopped and started again
 * on the same port (a receiver that is down, then back).
 *
 *   const receiver = await startWebhookReceiver();
 *   … subscribe receiver.url, cause an event …
 *   const [delivery] = await receiver.waitFor(1);
 *   assert.ok(verifyWebhookSignature(secret, delivery.headers['mailbeacon-signature'], delivery.body).valid);
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body, exactly as it arrived (signatures are over these bytes). */
  readonly body: string;
  /** The status this receiver answered with. */
  readonly answered: number;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hook` */
  readonly url: string;
  readonly port: number;
  /** Every request so far, in arrival order, whatever was answered. */
  readonly requests: readonly ReceivedRequest[];
  /** Requests answered 2xx. */
  accepted(): ReceivedRequest[];
  /** Answer every request with this status from now on (200 by default). */
  respondWith(status: number): void;
  /** Resolves once `count` requests have been answered 2xx; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Resolves once `count` requests have arrived, whatever was answered. */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Stops listening (connections are refused) until `start`. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  let status = 200;
  let server: Server | undefined;
  let port = 0;

  function listen(): Promise<void> {
    const next = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answered = status;
        requests.push({
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          answered,
        });
        response.writeHead(answered, { 'content-type': 'text/plain', connection: 'close' });
        response.end(answered < 300 ? 'ok' : `the test receiver answers ${answered}`);
        for (const wake of waiters) wake();
      });
    });
    next.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    return new Promise((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        next.off('error', reject);
        port = (next.address() as AddressInfo).port;
        server = next;
        resolve();
      });
    });
  }

  function stop(): Promise<void> {
    const current = server;
    server = undefined;
    if (!current) return Promise.resolve();
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => current.close(() => resolve()));
  }

  function waitUntil(
    count: number,
    pick: () => ReceivedRequest[],
    what: string,
    timeoutMs: number,
  ): Promise<ReceivedRequest[]> {
    const now = pick();
    if (now.length >= count) return Promise.resolve(now.slice(0, count));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `webhook receiver: waited ${timeoutMs} ms for ${count} ${what}, got ${pick().length}`,
          ),
        );
      }, timeoutMs);
      function check(): void {
        const got = pick();
        if (got.length < count) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(got.slice(0, count));
      }
      waiters.add(check);
    });
  }

  const accepted = () => requests.filter((r) => r.answered >= 200 && r.answered < 300);

  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${port}/hook`;
    },
    get port() {
      return port;
    },
    requests,
    accepted,
    respondWith(next) {
      status = next;
    },
    waitFor: (count, timeoutMs = 30_000) =>
      waitUntil(count, accepted, 'accepted request(s)', timeoutMs),
    waitForRequests: (count, timeoutMs = 30_000) =>
      waitUntil(count, () => [...requests], 'request(s)', timeoutMs),
    stop,
    start: listen,
    close: stop,
  };
}
