import { EventEmitter, once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of a real IMAP server that can misbehave as servers were seen
 * to: stop announcing new mail during IDLE (Dovecot after its index files were reset: the
 * session stays, `* n EXISTS` never comes), or fall silent on the connections already open.
 * Events: `dropped` (an EXISTS line was held back), `idling` (the server acknowledged an IDLE).
 */
export class ImapProxy extends EventEmitter<{ dropped: []; idling: [] }> {
  readonly #server: Server;
  readonly #target: { host: string; port: number };
  readonly #pairs = new Set<{ client: Socket; upstream: Socket; silent: boolean }>();
  /** Whether `* n EXISTS` lines sent during IDLE are dropped. */
  dropExistsWhileIdle = false;
  /** Whether some connection is in IDLE now (the server's `+` seen, no DONE since). */
  #idling = false;

  private constructor(target: { host: string; port: number }) {
    super();
    this.#target = target;
    this.#server = createServer((client) => this.#pair(client));
  }

  static async start(target: { host: string; port: number }): Promise<ImapProxy> {
    const proxy = new ImapProxy(target);
    proxy.#server.listen(0, '127.0.0.1');
    await once(proxy.#server, 'listening');
    return proxy;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** Resolves when a connection is in IDLE: at once if one is, else at the server's next `+`. */
  whenIdling(): Promise<void> {
    if (this.#idling) return Promise.resolve();
    return once(this, 'idling').then(() => undefined);
  }

  /** The connections open now get nothing more from the server; new ones work. */
  silenceOpenConnections(): void {
    for (const pair of this.#pairs) pair.silent = true;
  }

  async stop(): Promise<void> {
    for (const { client, upstream } of this.#pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.#server.close();
    await once(this.#server, 'close');
  }

  #pair(client: Socket): void {
    const upstream = connect(this.#target.port, this.#target.host);
    const pair = { client, upstream, silent: false };
    this.#pairs.add(pair);
    let inIdle = false;
    let clientLine = '';
    let serverRest = '';
    const end = () => {
      this.#pairs.delete(pair);
      if (inIdle) this.#idling = false;
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('data', (chunk: Buffer) => {
      // Commands are short lines: enough to see IDLE begin and DONE end it.
      clientLine += chunk.toString('latin1');
      const lines = clientLine.split('\r\n');
      clientLine = lines.pop() ?? '';
      for (const line of lines) {
        if (/^\S+ IDLE$/i.test(line)) inIdle = true;
        if (/^DONE$/i.test(line)) {
          inIdle = false;
          this.#idling = false;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (pair.silent) return;
      // Whole lines only, so an EXISTS line can be dropped; latin1 keeps the bytes as they are.
      serverRest += chunk.toString('latin1');
      const cut = serverRest.lastIndexOf('\r\n') + 2;
      if (cut < 2) return;
      const lines = serverRest.slice(0, cut).split(/(?<=\r\n)/);
      serverRest = serverRest.slice(cut);
      let out = '';
      for (const line of lines) {
        if (inIdle && this.dropExistsWhileIdle && /^\* \d+ EXISTS\r\n$/i.test(line)) {
          this.emit('dropped');
          continue;
        }
        out += line;
        if (inIdle && line.startsWith('+')) {
          this.#idling = true;
          setImmediate(() => this.emit('idling'));
        }
      }
      client.write(Buffer.from(out, 'latin1'));
    });
  }
}
