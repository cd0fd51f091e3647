import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { BlobStore } from '../blobs/index.js';
import type { Config, SubmissionConfig } from '../config.js';
import type { Store } from '../store/index.js';
import { authenticate } from './login.js';
import { type SubmissionServer, startSubmissionServer } from './submission-server.js';
import { submitMail } from './submit.js';
import { certificateNames, loadSubmissionTls } from './tls-files.js';

/** Room for the text, html and headers beside the largest file, in bytes: 1 MiB. */
const BODY_ROOM_BYTES = 1024 * 1024;

/**
 * The largest mail submission takes, in bytes: one file of MAX_ATTACHMENT_MB as a mail carries
 * it (base64: 4 bytes for 3, in lines of 76 characters and CRLF), plus BODY_ROOM_BYTES. Each
 * file is held to MAX_ATTACHMENT_MB again once decoded, as an upload is.
 */
export function submissionMaxBytes(maxAttachmentBytes: number): number {
  return Math.ceil(((maxAttachmentBytes * 4) / 3) * (78 / 76)) + BODY_ROOM_BYTES;
}

/**
 * Starts SMTP submission as configured (`submission`, from SUBMISSION_PORT and the certificate
 * variables): its certificate loaded or generated into DATA_DIR, the server listening on HOST,
 * each mail taken made a message and the send worker nudged. `port` overrides the configured
 * one (0: any free port; tests). Throws a ConfigError for unusable certificate files, and when
 * the port is taken. Close it with `close()`.
 */
export async function startSubmission(options: {
  readonly config: Config;
  readonly submission: SubmissionConfig;
  readonly port?: number;
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly log: FastifyBaseLogger;
  readonly clock: () => number;
  readonly nudge: () => void;
}): Promise<SubmissionServer> {
  const { config, store, log } = options;
  const tls = loadSubmissionTls(
    options.submission,
    config.dataDir,
    certificateNames(config.publicUrl, config.host, hostname()),
    Date.now(),
  );
  const deps = {
    store,
    blobs: options.blobs,
    config,
    nudge: options.nudge,
    now: options.clock,
  };
  const server = await startSubmissionServer({
    host: config.host,
    port: options.port ?? options.submission.port,
    tls,
    maxBytes: submissionMaxBytes(config.maxAttachmentBytes),
    log,
    authenticate: (username, password) => authenticate(store.db, username, password),
    async submit(login, raw, envelopeTo) {
      const done = await submitMail(deps, login, raw, envelopeTo);
      log.info(
        { messageId: done.messageId, userId: login.userId, duplicate: done.duplicate },
        'submission: mail taken',
      );
      return done.duplicate
        ? `Already taken as message ${done.messageId} (same Message-ID)`
        : `Queued as message ${done.messageId}`;
    },
  });
  log.info(
    { host: config.host, port: server.port, certificate: tls.source, sha256: tls.fingerprint },
    `SMTP submission listens on ${config.host}:${server.port} (STARTTLS; AUTH with your e-mail and an API key)`,
  );
  return server;
}
