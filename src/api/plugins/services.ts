import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Keyring } from '../../keyring/index.js';
import type { Store } from '../../store/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    readonly config: Config;
    readonly store: Store;
    readonly keyring: Keyring;
  }
}

export interface Services {
  readonly config: Config;
  readonly store: Store;
  readonly keyring: Keyring;
}

/** The shared infrastructure every route reaches through `app`. */
export const servicesPlugin = fp<Services>(
  async (app: FastifyInstance, services) => {
    app.decorate('config', services.config);
    app.decorate('store', services.store);
    app.decorate('keyring', services.keyring);
  },
  { name: 'mailbeacon-services' },
);
