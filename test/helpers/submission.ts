/**
 * Mail clients for the SMTP submission tests: nodemailer over STARTTLS, trusting the
 * certificate the service generated into its DATA_DIR (and nothing else), and an API key made
 * through the API, as a user would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { GENERATED_CERT_FILE } from '../../src/submission/index.js';
import type { HttpClient } from './http-client.js';
import type { TestService } from './test-service.js';

/** The self-signed certificate the service made (PEM). */
export function generatedCertificate(server: TestService): string {
  return readFileSync(join(server.database.dataDir, GENERATED_CERT_FILE), 'utf8');
}

/** A new API key of the client's user. */
export async function newApiKey(client: HttpClient): Promise<string> {
  const created = await client.post('/api/v1/api-keys', { name: 'Thunderbird' });
  if (created.status !== 201) throw new Error(`api key: ${created.status} ${created.text}`);
  return created.body.key as string;
}

/**
 * A transport to the service's submission port: STARTTLS required, the certificate checked
 * against the generated one for the name `localhost`; `auth` left out sends without AUTH.
 */
export function submissionTransport(
  server: TestService,
  auth: { user: string; pass: string } | undefined,
  options: { pool?: boolean } = {},
) {
  const common: SMTPTransport.Options = {
    host: '127.0.0.1',
    port: server.service.submissionPort!,
    secure: false,
    requireTLS: true,
    tls: { ca: generatedCertificate(server), servername: 'localhost', rejectUnauthorized: true },
    ...(auth ? { auth } : {}),
    logger: false,
  };
  // Pooled with one connection: every mail goes through the same session.
  return options.pool
    ? nodemailer.createTransport({ ...common, pool: true, maxConnections: 1 })
    : nodemailer.createTransport(common);
}

/** The message id in a submission's 250 reply (`… Queued as message <id>`). */
export function messageIdOf(response: string): string {
  const match = /message ([0-9a-z]{26})/.exec(response);
  if (!match) throw new Error(`no message id in ${JSON.stringify(response)}`);
  return match[1]!;
}

/** What a refused send reported: `responseCode` and the whole reply line. */
export async function refusalOf(
  send: Promise<unknown>,
): Promise<{ code: number; response: string }> {
  try {
    await send;
  } catch (error) {
    const { responseCode, response } = error as { responseCode?: number; response?: string };
    return { code: responseCode ?? 0, response: response ?? String(error) };
  }
  throw new Error('the mail was taken, a refusal was expected');
}
