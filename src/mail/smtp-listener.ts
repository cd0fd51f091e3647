import type { AddressInfo } from 'node:net';
import type { SMTPServer, SMTPServerDataStream } from 'smtp-server';

/** An smtp-server listening: the port it took, and how to stop it. */
export interface SmtpListener {
  readonly port: number;
  /** Stops taking connections and ends open sessions (smtp-server's closeTimeout); once. */
  close(): Promise<void>;
}

/**
 * Starts `server` listening on `host:port` (port 0: any free one). Client-side socket errors
 * (a peer resetting, a failed TLS handshake) are swallowed: smtp-server reports them on the
 * server, where unhandled they would take the process down. Throws when it cannot listen, the
 * message beginning with `what` and ending with `hint` (the setting to change).
 */
export async function listenSmtp(
  server: SMTPServer,
  where: { readonly host: string; readonly port: number },
  what: string,
  hint: string,
): Promise<SmtpListener> {
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) =>
      reject(
        new Error(
          `${what} cannot listen on ${where.host}:${where.port}: ${err.message} (${hint})`,
          {
            cause: err,
          },
        ),
      );
    server.server.once('error', onError);
    server.listen(where.port, where.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= new Promise((resolve) => server.close(() => resolve()));
      return closing;
    },
  };
}

/**
 * A message's DATA read to its end (dot-unstuffed bytes, CRLF line ends): the bytes, or
 * undefined when it went over the server's `size` (the excess is read but not kept). Rejects
 * when the stream fails (the client went away).
 */
export function readData(stream: SMTPServerDataStream): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(stream.sizeExceeded ? undefined : Buffer.concat(chunks)));
  });
}
