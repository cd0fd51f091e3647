import type { FastifyInstance } from 'fastify';
import { newNonce } from '../../html/index.js';
import type { TrackedCopy } from '../../store/index.js';
import { findOptOut, optOut, type PageShown, withdrawOptOut } from '../opt-out.js';
import {
  type ConsentSectionInput,
  type PrivacyKeeps,
  pageText,
  type RenderedPage,
  renderOptedOutPage,
  renderPrivacyPage,
  renderResumedPage,
} from '../pages/index.js';
import { TRACKING_PREFIX } from '../urls.js';
import { consentSectionFor, pressConsent } from './consent-routes.js';
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

/**
 * The recipient's privacy page and its two buttons: stop tracking me, and — once stopped — track
 * me again. Both are plain form posts to the copy's own token (no script needed, and a link
 * scanner's GET presses neither); only the recipient, holding the token, can make either choice.
 */
export function privacyRoutes(app: FastifyInstance, hits: HitContext, keeps: PrivacyKeeps): void {
  privacyPage(app, hits, keeps);
  optOutButton(app, hits, keeps);
  resumeButton(app, hits, keeps);
  consentButtons(app, hits, keeps);
}

/**
 * The privacy page of a copy, in the request's language, opted out or not; `keeps` is what the
 * service keeps as configured (TRACKING_IP, EVENT_RETENTION_DAYS), which the page states.
 */
function renderPrivacyFor(
  request: TokenRequest,
  keeps: PrivacyKeeps,
  copy: TrackedCopy,
  optedOut: boolean,
  resumeUnconfirmed = false,
  consent?: ConsentSectionInput,
) {
  const action = `${TRACKING_PREFIX}/p/${request.params.token}`;
  return renderPrivacyPage({
    language: languageOf(request),
    nonce: newNonce(),
    sender: senderOf(copy),
    workspaceName: copy.workspaceName,
    subject: copy.subject,
    optedOut,
    optOutAction: action,
    resumeAction: `${action}/resume`,
    resumeUnconfirmed,
    tracks: { opens: true, clicks: true, downloads: true },
    keeps,
    ...(consent ? { consent } : {}),
  });
}

/**
 * What the page said when its button was pressed, for the proof log: the page the button was
 * on, rendered again from the same copy, state and language (the page holds nothing else).
 */
function pageShown(
  request: TokenRequest,
  keeps: PrivacyKeeps,
  copy: TrackedCopy,
  optedOut: boolean,
): PageShown {
  return {
    language: languageOf(request),
    text: pageText(renderPrivacyFor(request, keeps, copy, optedOut).html),
  };
}

function privacyPage(app: FastifyInstance, hits: HitContext, keeps: PrivacyKeeps): void {
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
      const optedOutAt = await findOptOut(app.store.db, found.copy);
      const consent = await consentSectionFor(app, request.params.token, found.copy);
      return sendPage(
        reply,
        renderPrivacyFor(request, keeps, found.copy, optedOutAt !== null, false, consent),
      );
    },
  );
}

/** A page, and its status when it is not 200. */
type Answer = RenderedPage | { page: RenderedPage; status: number };

/**
 * One of the privacy page's buttons: a POST to the copy's token (`/p/:token` + `suffix`) that
 * finds the copy (404 for a token that is not ours) and answers with `press`'s page.
 */
function button(
  app: FastifyInstance,
  hits: HitContext,
  route: { suffix: string; summary: string },
  press: (request: TokenRequest, copy: TrackedCopy) => Promise<Answer>,
): void {
  app.post(
    `/p/:token${route.suffix}`,
    {
      schema: {
        tags,
        summary: route.summary,
        params: TokenParams,
        response: pages({ 200: Page }),
      },
    },
    async (request: TokenRequest, reply) => {
      const found = await hits.find(request, reply, 'privacy');
      if (!found) return reply;
      const answer = await press(request, found.copy);
      return 'page' in answer
        ? sendPage(reply, answer.page, answer.status)
        : sendPage(reply, answer);
    },
  );
}

function optOutButton(app: FastifyInstance, hits: HitContext, keeps: PrivacyKeeps): void {
  const route = { suffix: '', summary: 'Stop being tracked (at once, mail already sent included)' };
  button(app, hits, route, async (request, copy) => {
    const shown = pageShown(request, keeps, copy, false);
    const { at, fresh } = await optOut(app.store.db, copy, hits.now(), shown);
    // Kept as an event too, so the sender sees the recipient's choice with its time.
    if (fresh) await hits.record(request, copy, 'opt_out');
    return renderOptedOutPage({
      language: languageOf(request),
      nonce: newNonce(),
      sender: senderOf(copy),
      workspaceName: copy.workspaceName,
      at: new Date(at),
    });
  });
}

function resumeButton(app: FastifyInstance, hits: HitContext, keeps: PrivacyKeeps): void {
  const route = {
    suffix: '/resume',
    summary: 'Track me again (form field confirm=yes): the recipient withdraws their own opt-out',
  };
  button(app, hits, route, async (request, copy) => {
    // Only a person ticks the box: a scanner submitting the form changes nothing.
    const { confirm } = (request.body ?? {}) as { confirm?: string };
    if (confirm !== 'yes') {
      const optedOut = (await findOptOut(app.store.db, copy)) !== null;
      return { page: renderPrivacyFor(request, keeps, copy, optedOut, optedOut), status: 400 };
    }
    const at = hits.now();
    const shown = pageShown(request, keeps, copy, true);
    const { fresh } = await withdrawOptOut(app.store.db, copy, at, shown);
    // Nothing to withdraw (pressed twice, or never opted out): the page as it stands.
    if (!fresh) return renderPrivacyFor(request, keeps, copy, false);
    return renderResumedPage({
      language: languageOf(request),
      nonce: newNonce(),
      sender: senderOf(copy),
      workspaceName: copy.workspaceName,
      at: new Date(at),
    });
  });
}

/** The consent section's two buttons (the `consent` policy): give consent, withdraw it. */
function consentButtons(app: FastifyInstance, hits: HitContext, keeps: PrivacyKeeps): void {
  const routes = [
    {
      suffix: '/consent',
      action: 'given',
      summary: 'The recipient consents to be tracked (form field confirm=yes)',
    },
    {
      suffix: '/consent/withdraw',
      action: 'withdrawn',
      summary: 'The recipient withdraws their consent (at once, mail already sent included)',
    },
  ] as const;
  for (const route of routes) {
    button(app, hits, route, async (request, copy) => {
      const answer = await pressConsent(app, request, copy, route.action);
      if (answer !== 'unconfirmed') return answer;
      // The box was not ticked: the page again, saying so, and nothing recorded.
      const consent = await consentSectionFor(app, request.params.token, copy);
      const optedOut = (await findOptOut(app.store.db, copy)) !== null;
      return {
        page: renderPrivacyFor(request, keeps, copy, optedOut, false, {
          ...consent,
          unconfirmed: true,
        }),
        status: 400,
      };
    });
  }
}
