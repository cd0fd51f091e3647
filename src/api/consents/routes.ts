import type { FastifyInstance } from 'fastify';
import {
  type ActiveConsent,
  activeConsents,
  consentLog,
  importConsent,
  withdrawConsentAsAdmin,
} from '../../workspace/index.js';
import { principalOf } from '../plugins/auth.js';
import { iso } from '../presenters/accounts.js';
import { NoContent, responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { ConsentBody, ConsentList, ConsentLog, ConsentParams, ConsentView } from './schema.js';

/** A consent in force, as the API shows it (a whitelist of fields). */
function presentConsent(consent: ActiveConsent) {
  return {
    email: consent.email,
    addressKey: consent.addressKey,
    source: consent.source === 'import' ? ('import' as const) : ('privacy_page' as const),
    proof: consent.proof,
    givenAt: iso(consent.givenAt),
  };
}

/**
 * Recipients' consents to be tracked, which the `consent` tracking policy asks for (admins
 * only: proofs are personal data). Recipients give and withdraw theirs on their privacy page.
 */
export async function consentRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  listConsents(api);
  listConsentLog(api);
  addConsent(api);
  removeConsent(api);
}

const tags = ['privacy'];

function listConsents(api: Api): void {
  api.get(
    '/api/v1/consents',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Consents in force, imported or given by recipients (admins)',
        response: responses({ 200: ConsentList }),
      },
    },
    async (request) => {
      const consents = await activeConsents(api.store.db, principalOf(request).user.workspaceId);
      return { consents: consents.map(presentConsent) };
    },
  );
}

function listConsentLog(api: Api): void {
  api.get(
    '/api/v1/consents/log',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary:
          'Every consent given or withdrawn, oldest first, with when, how and its proof (admins)',
        response: responses({ 200: ConsentLog }),
      },
    },
    async (request) => {
      const rows = await consentLog(api.store.db, principalOf(request).user.workspaceId);
      return {
        entries: rows.map((row) => ({
          email: row.email,
          addressKey: row.addressKey,
          action: row.action,
          at: iso(row.at),
          source: row.source,
          proof: row.proof,
          recipientId: row.recipientId,
        })),
      };
    },
  );
}

function addConsent(api: Api): void {
  api.post(
    '/api/v1/consents',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Import a consent gathered elsewhere, with its proof (admins)',
        body: ConsentBody,
        response: responses({ 201: ConsentView }),
      },
    },
    async (request, reply) => {
      const { user } = principalOf(request);
      const consent = await importConsent(api.store.db, user.workspaceId, request.body, user.id);
      reply.status(201);
      return presentConsent(consent);
    },
  );
}

function removeConsent(api: Api): void {
  api.delete(
    '/api/v1/consents/:email',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary:
          'Withdraw an address’s consent: its mail stops being recorded at once, and later mail goes out untracked (admins)',
        params: ConsentParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const { user } = principalOf(request);
      await withdrawConsentAsAdmin(api.store.db, user.workspaceId, request.params.email, user.id);
      reply.status(204);
      return null;
    },
  );
}
