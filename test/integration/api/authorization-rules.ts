import type { TeamIds } from '../../helpers/two-workspaces.js';

/** What a route is called with: a path with a team's ids in it, and a body when it takes one. */
export interface Call {
  readonly path: string;
  readonly body?: unknown;
}

/**
 * How the matrix treats one route of the OpenAPI document.
 *
 * - `public`: no user; left out of the workspace checks, `why` says what guards it instead.
 *   `anonymous`: called without credentials, it must show nothing of either workspace.
 * - `user`, `admin`: `call(ids)` builds the request with one team's ids. Called by every
 *   principal of workspace A with B's ids it must answer `foreign` (404 unless said: the
 *   contract's "404 for anything outside the caller's workspace"), and never with B's data;
 *   unauthenticated, 401; an `admin` route called by A's member with A's own ids, 403.
 *   An admin route answers a member 403 before it looks at any id (src/api/plugins/auth.ts
 *   checks roles in onRequest), so A's member gets 403 for B's ids too: the same answer as
 *   for A's own, which tells nothing about B. The matrix follows that convention.
 */
export type Rule =
  | { readonly access: 'public'; readonly why: string; readonly anonymous?: true }
  | {
      readonly access: 'user' | 'admin';
      readonly call: (ids: TeamIds) => Call;
      /** The status with another workspace's ids, when not 404; `why` says why. */
      readonly foreign?: { readonly status: number; readonly why: string };
      /** Set when the reply cannot be read to its end (a live stream): checked for 401 only. */
      readonly stream?: string;
      /**
       * Set when the team's own ids cannot show the route at work (the seeded resource lacks
       * what it serves): the reach check is left out, `why` names the test that covers it.
       */
      readonly ownUnreachable?: string;
    };

// The app's convention for an id in a body: a validation error, worded as for an id that
// never existed (src/messages/drafts.ts, checkAttachments), so it tells nothing either.
const attachmentInBody = { status: 400, why: 'an unknown attachment in a body is invalid input' };
const id = (ids: TeamIds) => ids.sentId;
const tracking =
  'a tracking token is the only key (DESIGN, Tracking); forged tokens: test/integration/tracking';
const operations = 'operations endpoints, for probes and Prometheus';
const devInboxParts =
  'the seeded copy is tracked: its file is a download link and it has no inline part; a mail with both, and another workspace’s 404: test/integration/dev-inbox/http.test.ts';
const account =
  'signup, login and logout come before any workspace: test/integration/api/accounts.test.ts';
const passwordReset =
  'before any login: the link goes only to the account’s own address, the token (256 bits, only its hash kept, one hour, single use) is the key, the same 202 for any address, limits per address and account: test/integration/api/password-reset.test.ts';

/**
 * One rule per "METHOD /path" of the OpenAPI document (paths as the document writes them). A
 * route missing here fails the test, so a new route needs a decision before it ships.
 */
export const MATRIX: Readonly<Record<string, Rule>> = {
  'GET /t/c/{token}': { access: 'public', why: tracking },
  'GET /t/a/{token}/about': { access: 'public', why: tracking },
  'GET /t/d/{token}': { access: 'public', why: tracking },
  'POST /t/d/{token}/{file}': { access: 'public', why: tracking },
  'GET /t/p/{token}': { access: 'public', why: tracking },
  'POST /t/p/{token}': { access: 'public', why: tracking },
  'POST /t/p/{token}/resume': { access: 'public', why: tracking },
  'POST /t/p/{token}/consent': { access: 'public', why: tracking },
  'POST /t/p/{token}/consent/withdraw': { access: 'public', why: tracking },
  'GET /metrics': { access: 'public', why: operations, anonymous: true },
  'GET /healthz': { access: 'public', why: operations, anonymous: true },
  'GET /readyz': { access: 'public', why: operations, anonymous: true },
  'POST /api/v1/auth/signup': { access: 'public', why: account },
  'POST /api/v1/auth/invite': {
    access: 'public',
    why: 'answers only the holder of an invite link (a 256-bit token) with whom it is for',
    anonymous: true,
  },
  'POST /api/v1/auth/login': { access: 'public', why: account },
  'POST /api/v1/auth/logout': { access: 'public', why: account },
  'POST /api/v1/auth/password-reset': { access: 'public', why: passwordReset },
  'POST /api/v1/auth/password-reset/confirm': { access: 'public', why: passwordReset },
  // The dev inbox files each mail under the workspace that sent it and shows it to that
  // workspace's users only (decisions.md, issue 14, points 2 and 5).
  'GET /api/v1/dev/inbox': { access: 'user', call: () => ({ path: '/api/v1/dev/inbox' }) },
  'GET /api/v1/dev/inbox/{id}': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/dev/inbox/${ids.devInboxId}` }),
  },
  'GET /api/v1/dev/inbox/{id}/raw': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/dev/inbox/${ids.devInboxId}/raw` }),
  },
  'GET /dev/inbox': { access: 'user', call: () => ({ path: '/dev/inbox' }) },
  'GET /dev/inbox/{id}': {
    access: 'user',
    call: (ids) => ({ path: `/dev/inbox/${ids.devInboxId}` }),
  },
  'GET /dev/inbox/{id}/source': {
    access: 'user',
    call: (ids) => ({ path: `/dev/inbox/${ids.devInboxId}/source` }),
  },
  'GET /dev/inbox/{id}/body': {
    access: 'user',
    call: (ids) => ({ path: `/dev/inbox/${ids.devInboxId}/body` }),
  },
  'GET /dev/inbox/{id}/cid/{cid}': {
    access: 'user',
    call: (ids) => ({ path: `/dev/inbox/${ids.devInboxId}/cid/none` }),
    ownUnreachable: devInboxParts,
  },
  'GET /dev/inbox/{id}/attachments/{index}': {
    access: 'user',
    call: (ids) => ({ path: `/dev/inbox/${ids.devInboxId}/attachments/0` }),
    ownUnreachable: devInboxParts,
  },

  'GET /api/v1/auth/me': { access: 'user', call: () => ({ path: '/api/v1/auth/me' }) },
  'PATCH /api/v1/auth/me': {
    access: 'user',
    call: () => ({ path: '/api/v1/auth/me', body: { language: 'en' } }),
  },
  // The principal's own account only; a wrong current password, so the matrix changes nothing
  // (an API key is refused 403 before that: test/integration/api/password-change.test.ts).
  'POST /api/v1/auth/password': {
    access: 'user',
    call: () => ({
      path: '/api/v1/auth/password',
      body: { currentPassword: 'not the password', newPassword: 'a new passphrase 2026' },
    }),
  },
  // The documented method (DESIGN.md); POST above stays as its alias, the same handler.
  'PUT /api/v1/auth/password': {
    access: 'user',
    call: () => ({
      path: '/api/v1/auth/password',
      body: { currentPassword: 'not the password', newPassword: 'a new passphrase 2026' },
    }),
  },
  'POST /api/v1/api-keys': {
    access: 'user',
    call: () => ({ path: '/api/v1/api-keys', body: { name: 'matrix' } }),
  },
  'GET /api/v1/api-keys': { access: 'user', call: () => ({ path: '/api/v1/api-keys' }) },
  'DELETE /api/v1/api-keys/{id}': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/api-keys/${ids.apiKeyId}` }),
  },
  'POST /api/v1/invites': {
    access: 'admin',
    call: () => ({ path: '/api/v1/invites', body: { email: 'new@matrix.example', role: 'admin' } }),
  },
  'GET /api/v1/invites': { access: 'admin', call: () => ({ path: '/api/v1/invites' }) },
  'DELETE /api/v1/invites/{id}': {
    access: 'admin',
    call: (ids) => ({ path: `/api/v1/invites/${ids.inviteId}` }),
  },
  'GET /api/v1/workspace/settings': {
    access: 'user',
    call: () => ({ path: '/api/v1/workspace/settings' }),
  },
  'PATCH /api/v1/workspace/settings': {
    access: 'admin',
    call: () => ({ path: '/api/v1/workspace/settings', body: { notifyOnMachineEvents: false } }),
  },
  'GET /api/v1/do-not-track': { access: 'user', call: () => ({ path: '/api/v1/do-not-track' }) },
  'POST /api/v1/do-not-track': {
    access: 'admin',
    call: () => ({ path: '/api/v1/do-not-track', body: { entry: '@matrix.example' } }),
  },
  'DELETE /api/v1/do-not-track/{entry}': {
    access: 'admin',
    call: (ids) => ({ path: `/api/v1/do-not-track/${encodeURIComponent(ids.doNotTrack)}` }),
  },
  'GET /api/v1/opt-outs': { access: 'admin', call: () => ({ path: '/api/v1/opt-outs' }) },
  'GET /api/v1/opt-outs.csv': { access: 'admin', call: () => ({ path: '/api/v1/opt-outs.csv' }) },
  'GET /api/v1/events.csv': { access: 'admin', call: () => ({ path: '/api/v1/events.csv' }) },
  'GET /api/v1/consents': { access: 'admin', call: () => ({ path: '/api/v1/consents' }) },
  'POST /api/v1/consents': {
    access: 'admin',
    call: () => ({ path: '/api/v1/consents', body: { email: 'm@matrix.example', proof: 'form' } }),
  },
  'GET /api/v1/consents/log': { access: 'admin', call: () => ({ path: '/api/v1/consents/log' }) },
  'DELETE /api/v1/consents/{email}': {
    access: 'admin',
    call: (ids) => ({ path: `/api/v1/consents/${encodeURIComponent(ids.consentEmail)}` }),
  },
  'POST /api/v1/attachments': {
    // Multipart: called without a file, it is refused after authentication, which is what the
    // matrix checks here (401 without credentials; nothing of B in the refusal).
    access: 'user',
    call: () => ({ path: '/api/v1/attachments' }),
  },
  'POST /api/v1/messages': {
    access: 'user',
    call: (ids) => ({
      path: '/api/v1/messages',
      body: {
        to: [{ email: 'x@matrix.example' }],
        subject: 'm',
        text: 'm',
        attachments: [ids.attachmentId],
      },
    }),
    foreign: attachmentInBody,
  },
  'GET /api/v1/messages': { access: 'user', call: () => ({ path: '/api/v1/messages' }) },
  'POST /api/v1/messages/check': {
    access: 'user',
    call: (ids) => ({
      path: '/api/v1/messages/check',
      body: { to: [{ email: 'x@matrix.example' }], attachments: [ids.attachmentId] },
    }),
    foreign: attachmentInBody,
  },
  'PATCH /api/v1/messages/{id}': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/messages/${ids.draftId}`, body: { subject: 'changed' } }),
  },
  // The sent message, so the matrix deletes nothing: A's own is 409 message_sent (reached), B's
  // 404. Deleting drafts: test/integration/api/delete-draft.test.ts.
  'DELETE /api/v1/messages/{id}': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/messages/${ids.sentId}` }),
  },
  'GET /api/v1/messages/{id}': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/messages/${id(ids)}` }),
  },
  'POST /api/v1/messages/{id}/send': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/messages/${ids.draftId}/send` }),
  },
  'GET /api/v1/messages/{id}/chat': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/messages/${id(ids)}/chat` }),
  },
  'POST /api/v1/messages/{id}/chat': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/messages/${id(ids)}/chat`, body: { text: 'matrix note' } }),
  },
  'GET /api/v1/messages/{id}/events': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/messages/${id(ids)}/events` }),
  },
  'PATCH /api/v1/messages/{id}/attachments/{attachmentId}': {
    access: 'user',
    call: (ids) => ({
      path: `/api/v1/messages/${id(ids)}/attachments/${ids.attachmentId}`,
      body: { revoked: false },
    }),
  },
  'DELETE /api/v1/workspace/members/{id}': {
    access: 'admin',
    call: (ids) => ({ path: `/api/v1/workspace/members/${ids.spareMemberId}` }),
  },
  'GET /api/v1/workspace/members': {
    access: 'user',
    call: () => ({ path: '/api/v1/workspace/members' }),
  },
  'GET /api/v1/stats/daily': { access: 'user', call: () => ({ path: '/api/v1/stats/daily' }) },
  'GET /api/v1/stats/rates': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/stats/rates?cursor=${ids.sentId}` }),
    foreign: {
      status: 200,
      why: 'a cursor naming no message of the caller’s starts nowhere: an empty page',
    },
  },
  'GET /api/v1/notifications': {
    access: 'user',
    call: () => ({ path: '/api/v1/notifications' }),
  },
  'POST /api/v1/notifications/read': {
    // Marks the caller's own feed read up to that id: another workspace's id marks nothing of
    // theirs (the snapshot of B checks it), so it is no error.
    access: 'user',
    call: (ids) => ({ path: '/api/v1/notifications/read', body: { upTo: ids.notificationId } }),
    foreign: { status: 200, why: 'an id to compare with, in the caller’s own feed only' },
  },
  'POST /api/v1/notifications/{id}/read': {
    // The caller's own notification only: another's (of their workspace or not) is 404.
    access: 'user',
    call: (ids) => ({ path: `/api/v1/notifications/${ids.notificationId}/read` }),
  },
  'GET /api/v1/notifications/stream': {
    access: 'user',
    call: () => ({ path: '/api/v1/notifications/stream' }),
    stream: 'what it carries is the feed’s, checked through GET /api/v1/notifications',
  },
  'PUT /api/v1/messages/{id}/notifications': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/messages/${id(ids)}/notifications`, body: { muted: true } }),
  },
  'PUT /api/v1/messages/{id}/follow': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/messages/${id(ids)}/follow` }),
  },
  'DELETE /api/v1/messages/{id}/follow': {
    access: 'user',
    call: (ids) => ({ path: `/api/v1/messages/${id(ids)}/follow` }),
  },
  'POST /api/v1/webhooks': {
    access: 'admin',
    call: () => ({
      path: '/api/v1/webhooks',
      body: { url: 'http://127.0.0.1:9/hooks/matrix', events: ['open'] },
    }),
  },
  'GET /api/v1/webhooks': { access: 'admin', call: () => ({ path: '/api/v1/webhooks' }) },
  'DELETE /api/v1/webhooks/{id}': {
    access: 'admin',
    call: (ids) => ({ path: `/api/v1/webhooks/${ids.webhookId}` }),
  },
  'GET /api/v1/webhooks/{id}/deliveries': {
    access: 'admin',
    call: (ids) => ({ path: `/api/v1/webhooks/${ids.webhookId}/deliveries` }),
  },
  'DELETE /api/v1/recipients/{email}': {
    access: 'admin',
    call: (ids) => ({ path: `/api/v1/recipients/${encodeURIComponent(ids.recipientEmail)}` }),
  },
};
