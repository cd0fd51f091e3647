import type { FastifyInstance } from 'fastify';
import { newNonce } from '../../html/index.js';
import { findRecipientOptOut } from '../../store/index.js';
import { optOut } from '../opt-out.js';
import { renderOptedOutPage, renderPrivacyPage } from '../pages/index.js';
import { TRACKING_PREFIX } from '../urls.js';
import { consentSectionFor } from './consent-routes.js';
import {
  type HitContext,
  Page,
  pages,
  senderOf,
  TokenParams,
  type TokenRequest,
  tags,
} from './context.js';
import { languageOf, sendPage } from './responses.js';

/** The recipient's privacy page and its one button: stop tracking me. */
export function privacyRoutes(app: FastifyInstance, hits: HitContext): void {
  privacyPage(app, hits);
  optOutButton(app, hits);
}

function privacyPage(app: FastifyInstance, hits: HitContext): void {
  app.get(
    '/p/:token',
    {
      schema: {
        tags,
        summary: 'The recipient’s privacy page',
        params: TokenParams,
        response: pages({ 200: Page }),
      },
    },
    async (request: TokenRequest, reply) => {
      const found = await hits.find(request, reply, 'privacy');
      if (!found) return reply;
      const optedOutAt = await findRecipientOptOut(app.store.db, found.copy.recipientId);
      const page = renderPrivacyPage({
        language: languageOf(request),
        nonce: newNonce(),
        sender: senderOf(found.copy),
        workspaceName: found.copy.workspaceName,
        subject: found.copy.subject,
        optedOut: optedOutAt !== null,
        optOutAction: `${TRACKING_PREFIX}/p/${request.params.token}`,
        tracks: { opens: true, clicks: true, downloads: true },
        consent: await consentSectionFor(app, request.params.token, found.copy),
      });
      return sendPage(reply, page);
    },
  );
}

function optOutButton(app: FastifyInstance, hits: HitContext): void {
  app.post(
    '/p/:token',
    {
      schema: {
        tags,
        summary: 'Stop being tracked (at once, mail already sent included)',
        params: TokenParams,
        response: pages({ 200: Page }),
      },
    },
    async (request: TokenRequest, reply) => {
      const found = await hits.find(request, reply, 'privacy');
      if (!found) return reply;
      const { at, fresh } = await optOut(app.store.db, found.copy);
      // Kept as proof of the recipient's choice, with its time.
      if (fresh) await hits.record(request, found.copy, 'opt_out');
      const page = renderOptedOutPage({
        language: languageOf(request),
        nonce: newNonce(),
        sender: senderOf(found.copy),
        workspaceName: found.copy.workspaceName,
        at: new Date(at),
      });
      return sendPage(reply, page);
    },
  );
}
