import type { FastifyInstance } from 'fastify';
import { newNonce } from '../../html/index.js';
import { hasConsent, recordRecipientConsent } from '../../workspace/index.js';
import {
  type ConsentSectionInput,
  consentProofText,
  renderConsentDonePage,
} from '../pages/index.js';
import { TRACKING_PREFIX } from '../urls.js';
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

/** The privacy page's consent section for the copy a privacy token names. */
export async function consentSectionFor(
  app: FastifyInstance,
  token: string,
  copy: { readonly workspaceId: string; readonly email: string },
): Promise<ConsentSectionInput> {
  const base = `${TRACKING_PREFIX}/p/${token}/consent`;
  return {
    given: await hasConsent(app.store.db, copy.workspaceId, copy.email),
    giveAction: base,
    withdrawAction: `${base}/withdraw`,
  };
}

/**
 * The privacy page's two consent buttons: give consent, and withdraw it. Each is recorded with
 * when, from which copy and what the page said; a withdrawal stops at once the recording of the
 * mail tracked under the `consent` policy, mail already sent included.
 */
export function consentRoutes(app: FastifyInstance, hits: HitContext): void {
  for (const [path, action] of [
    ['/p/:token/consent', 'given'],
    ['/p/:token/consent/withdraw', 'withdrawn'],
  ] as const) {
    app.post(
      path,
      {
        schema: {
          tags,
          summary:
            action === 'given'
              ? 'The recipient consents to be tracked'
              : 'The recipient withdraws their consent (at once, mail already sent included)',
          params: TokenParams,
          response: pages({ 200: Page }),
        },
      },
      async (request: TokenRequest, reply) => {
        const found = await hits.find(request, reply, 'privacy');
        if (!found) return reply;
        const language = languageOf(request);
        const { copy } = found;
        // What the recipient read beside the button they pressed.
        const proof = consentProofText(language, action === 'withdrawn', copy.workspaceName);
        const { consented, at } = await recordRecipientConsent(
          app.store.db,
          { workspaceId: copy.workspaceId, recipientId: copy.recipientId, email: copy.email },
          action,
          proof,
        );
        const page = renderConsentDonePage({
          language,
          nonce: newNonce(),
          sender: senderOf(copy),
          workspaceName: copy.workspaceName,
          consented,
          at: new Date(at),
        });
        return sendPage(reply, page);
      },
    );
  }
}
