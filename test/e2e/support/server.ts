import { createServer } from 'node:net';
import { startTestService, type TestService } from '../../helpers/test-service.js';

/** A loopback port free right now (the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The real server on SQLite with the dev inbox catching mail. Its public and tracking address
 * is the port it really listens on, so the links in mail work in the browser. `env` adds to
 * (or overrides) its configuration.
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<TestService> {
  const port = await freePort();
  return startTestService(
    'sqlite',
    { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
    { outbox: { pollMs: 100 }, notify: { clickSettleMs: 300 } },
  );
}
