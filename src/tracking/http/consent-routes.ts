import type { FastifyInstance } from 'fastify';
import { newNonce } from '../../html/index.js';
import type { TrackedCopy } from '../../store/index.js';
import { hasConsent, recordRecipientConsent } from '../../workspace/index.js';
import {
  type ConsentSectionInput,
  consentProofText,
  type RenderedPage,
  renderConsentDonePage,
} from '../pages/index.js';
import { TRACKING_PREFIX } from '../urls.js';
import { senderOf, type TokenRequest } from './context.js';
import { languageOf } from './responses.js';

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

/** A consent button's action: the recipient gives consent, or withdraws it. */
export type ConsentAction = 'given' | 'withdrawn';

/**
 * Presses one of the privacy page's two consent buttons for `copy`: records the consent given or
 * withdrawn, with when, from which copy and what the page said, and answers with the page that
 * says so. A withdrawal stops at once the recording of the mail tracked under the `consent`
 * policy, mail already sent included. Giving consent needs the form's box ticked
 * (`confirm=yes`): without it nothing is recorded and the answer is `'unconfirmed'`, so a mail
 * scanner that submits the forms it finds never consents for anyone.
 */
export async function pressConsent(
  app: FastifyInstance,
  request: TokenRequest,
  copy: TrackedCopy,
  action: ConsentAction,
): Promise<RenderedPage | 'unconfirmed'> {
  const { confirm } = (request.body ?? {}) as { confirm?: string };
  if (action === 'given' && confirm !== 'yes') return 'unconfirmed';
  const language = languageOf(request);
  // What the recipient read beside the button they pressed.
  const proof = consentProofText(language, action === 'withdrawn', copy.workspaceName);
  const { consented, at } = await recordRecipientConsent(
    app.store.db,
    { workspaceId: copy.workspaceId, recipientId: copy.recipientId, email: copy.email },
    action,
    proof,
  );
  return renderConsentDonePage({
    language,
    nonce: newNonce(),
    sender: senderOf(copy),
    workspaceName: copy.workspaceName,
    consented,
    at: new Date(at),
  });
}
