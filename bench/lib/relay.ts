/**
 * A real SMTP relay on loopback that keeps what it accepts, read by mailparser as a recipient's
 * client would read it: the bench takes its tracking URLs from there.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface RelayedMail {
  readonly to: readonly string[];
  readonly parsed: ParsedMail;
}

export interface Relay {
  readonly url: string;
  waitFor(count: number, timeoutMs: number): Promise<RelayedMail[]>;
  close(): Promise<void>;
}

export async function startRelay(): Promise<Relay> {
  const received: RelayedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    closeTimeout: 1000,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed });
          callback(null);
        },
        (error: unknown) => callback(error as Error),
      );
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    async waitFor(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`relay: ${received.length} of ${count} mails after ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return received.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The open pixel and the click URLs of a recipient's copy, as paths on the server. */
export function trackingPaths(parsed: ParsedMail): { pixel: string; clicks: string[] } {
  const html = parsed.html || '';
  // The honeypot link is for machines only; a person clicks the visible links.
  const visible = html.replace(/<!--mb:honeypot-->[\s\S]*?<!--\/mb:honeypot-->/, '');
  const pixel = /<img src="([^"]+\/t\/o\/[^"]+)"/.exec(html)?.[1];
  if (!pixel) throw new Error('no open pixel in the mail');
  const clicks = [...visible.matchAll(/href="([^"]+\/t\/c\/[^"]+)"/g)].map((m) => m[1]!);
  const path = (url: string) => {
    const parsed = new URL(url.replaceAll('&amp;', '&'));
    return parsed.pathname + parsed.search;
  };
  return { pixel: path(pixel), clicks: [...new Set(clicks)].map(path) };
}
