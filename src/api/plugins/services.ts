import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { BlobStore } from '../../blobs/index.js';
import type { Config } from '../../config.js';
import type { DevInbox } from '../../dev-inbox/index.js';
import type { Keyring } from '../../keyring/index.js';
import type { SystemMailer } from '../../messages/index.js';
import type { LiveHub } from '../../notify/index.js';
import type { Store } from '../../store/index.js';
import type { Metrics } from './metrics.js';

/** Tells the outbox's worker that jobs were queued, so it need not wait for its next poll. */
export interface OutboxSignal {
  nudge(): void;
}

/** The shared infrastructure every route reaches through `app`: decorated as handed over. */
export interface Services {
  readonly config: Config;
  readonly store: Store;
  readonly keyring: Keyring;
  readonly blobs: BlobStore;
  readonly outbox: OutboxSignal;
  readonly metrics: Metrics;
  readonly hub: LiveHub;
  /** Mail the service sends a user itself (password reset links), through their workspace's relay. */
  readonly systemMail: SystemMailer;
  /** The embedded dev inbox, when SMTP_URL is unset. */
  readonly devInbox?: DevInbox;
}

declare module 'fastify' {
  interface FastifyInstance extends Services {}
}

/** Decorates `app` with the services. */
export const servicesPlugin = fp<Services>(
  async (app: FastifyInstance, services) => {
    app.decorate('config', services.config);
    app.decorate('store', services.store);
    app.decorate('keyring', services.keyring);
    app.decorate('blobs', services.blobs);
    app.decorate('outbox', services.outbox);
    app.decorate('metrics', services.metrics);
    app.decorate('hub', services.hub);
    app.decorate('systemMail', services.systemMail);
    app.decorate('devInbox', services.devInbox);
  },
  { name: 'mailbeacon-services' },
);
