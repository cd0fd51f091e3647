import type { FastifyInstance } from 'fastify';
import { toLanguage } from '../../i18n/index.js';
import {
  type CopyUrls,
  changeAttachmentLink,
  checkLinkLimit,
  createMessage,
  discardDraft,
  draftWarnings,
  messageDetails,
  messageEvents,
  messagePage,
  messageWarnings,
  queueMessage,
  trackingOnCreate,
  updateDraft,
} from '../../messages/index.js';
import { followState, messageChat } from '../../notify/index.js';
import type { UserRow } from '../../store/index.js';
import { copyTrackingUrls } from '../../tracking/index.js';
import { principalOf } from '../plugins/auth.js';
import {
  MessageAttachmentView,
  MessageView,
  presentChatLine,
  presentEvent,
  presentLinkAttachment,
  presentMessage,
  presentMessageSummary,
} from '../presenters/messages.js';
import { NoContent, nextCursor, responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import {
  AttachmentLinkBody,
  AttachmentLinkParams,
  ChatLines,
  CheckMessageBody,
  CreateMessageBody,
  EventList,
  EventsQuery,
  LINK_LIMIT,
  MessageCheck,
  MessageList,
  MessageListQuery,
  MessageParams,
  UpdateMessageBody,
} from './schema.js';

/** Compose, change and send messages; read them back with their chat and tracking events. */
export async function messageRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  composeMessage(api);
  checkMessage(api);
  changeDraft(api);
  deleteDraft(api);
  sendDraft(api);
  listMessages(api);
  getMessage(api);
  getChat(api);
  listEvents(api);
  changeLink(api);
}

/** The tracking URLs a copy would carry: the warnings measure copies with them. */
function copyUrlsOf(api: Api): CopyUrls {
  return (trackingId) => copyTrackingUrls(api.keyring, api.config.trackingUrl, trackingId);
}

/** One message as the routes answer it, with the caller's follow and mute state. */
async function view(api: Api, user: UserRow, id: string) {
  const db = api.store.db;
  const details = await messageDetails(db, user.workspaceId, id);
  return presentMessage(
    details,
    await followState(db, user, id),
    await messageWarnings(db, copyUrlsOf(api), details),
  );
}

function checkMessage(api: Api): void {
  api.post(
    '/api/v1/messages/check',
    {
      schema: {
        tags: ['messages'],
        summary:
          'What sending this content would warn about (`gmail_clip`), without saving it: the compose screen asks as the sender writes',
        description: `What sending would refuse is refused here too: ${LINK_LIMIT}`,
        body: CheckMessageBody,
        response: responses({ 200: MessageCheck }),
      },
    },
    async (request) => {
      const { user } = principalOf(request);
      const warnings = await draftWarnings(
        api.store.db,
        copyUrlsOf(api),
        user,
        request.body,
        api.config.attachmentLinkTtlDays,
      );
      return { warnings };
    },
  );
}

function composeMessage(api: Api): void {
  api.post(
    '/api/v1/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Compose a message: a draft, or sent at once with `send: true`',
        description: `With \`send: true\`: ${LINK_LIMIT} (nothing is saved then).`,
        body: CreateMessageBody,
        response: responses({ 201: MessageView }),
      },
    },
    async (request, reply) => {
      const { user } = principalOf(request);
      const { send, ...body } = request.body;
      // Resolved once, so that the link limit is checked for the tracking the message will have.
      const enabled = await trackingOnCreate(api.store.db, user, body.tracking);
      const input = { ...body, tracking: { ...body.tracking, enabled } };
      if (send) await checkLinkLimit(api.store.db, user.workspaceId, input, enabled);
      const draft = await createMessage(api.store.db, api.config, user, input);
      if (send) {
        await queueMessage(api.store.db, user, draft.id);
        api.outbox.nudge();
      }
      reply.status(201);
      return view(api, user, draft.id);
    },
  );
}

function changeDraft(api: Api): void {
  api.patch(
    '/api/v1/messages/:id',
    {
      schema: {
        tags: ['messages'],
        summary: 'Change a draft; a sent message is 409 message_sent',
        params: MessageParams,
        body: UpdateMessageBody,
        response: responses({ 200: MessageView }),
      },
    },
    async (request) => {
      const { user } = principalOf(request);
      await updateDraft(api.store.db, user, request.params.id, request.body);
      return view(api, user, request.params.id);
    },
  );
}

function deleteDraft(api: Api): void {
  api.delete(
    '/api/v1/messages/:id',
    {
      schema: {
        tags: ['messages'],
        summary:
          'Delete a draft with its attachments (files no other message holds); a sent message is 409 message_sent',
        params: MessageParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const { user } = principalOf(request);
      await discardDraft(api.store.db, api.blobs, user, request.params.id);
      reply.status(204);
      return null;
    },
  );
}

function sendDraft(api: Api): void {
  api.post(
    '/api/v1/messages/:id/send',
    {
      schema: {
        tags: ['messages'],
        summary: 'Send a draft: queued at once, delivered by the outbox',
        description: `${LINK_LIMIT} (the message stays a draft).`,
        params: MessageParams,
        response: responses({ 202: MessageView }),
      },
    },
    async (request, reply) => {
      const { user } = principalOf(request);
      await queueMessage(api.store.db, user, request.params.id);
      api.outbox.nudge();
      reply.status(202);
      return view(api, user, request.params.id);
    },
  );
}

function listMessages(api: Api): void {
  api.get(
    '/api/v1/messages',
    {
      schema: {
        tags: ['messages'],
        summary:
          'The workspace’s messages, newest first, each with its sender and its recipients’ state',
        description:
          'Every filter combines with the others and with `cursor` and `limit`. A person’s open, click or reply counts; a machine’s (scanner, prefetch) and the team’s own (a copy to a member, such as the sender’s Bcc) never do.',
        querystring: MessageListQuery,
        response: responses({ 200: MessageList }),
      },
    },
    async (request) => {
      const { user } = principalOf(request);
      const { sender, tracking, limit, ...filters } = request.query;
      const page = await messagePage(api.store.db, user.workspaceId, {
        ...filters,
        tracking: tracking === undefined ? undefined : tracking === 'on',
        senderId: sender === 'me' ? user.id : sender,
        limit: limit ?? 50,
      });
      return {
        messages: page.items.map(presentMessageSummary),
        cursor: page.cursor,
      };
    },
  );
}

function getMessage(api: Api): void {
  api.get(
    '/api/v1/messages/:id',
    {
      schema: {
        tags: ['messages'],
        summary: 'One message with its recipients, attachments and the caller’s mute state',
        params: MessageParams,
        response: responses({ 200: MessageView }),
      },
    },
    async (request) => view(api, principalOf(request).user, request.params.id),
  );
}

function getChat(api: Api): void {
  api.get(
    '/api/v1/messages/:id/chat',
    {
      schema: {
        tags: ['chat'],
        summary:
          'The message’s chat: tracking notifications, expiry changes, delivery failures, notes',
        params: MessageParams,
        response: responses({ 200: ChatLines }),
      },
    },
    async (request) => {
      const { user } = principalOf(request);
      const lines = await messageChat(api.store.db, user.workspaceId, request.params.id);
      const language = toLanguage(user.language);
      return { lines: lines.map((line) => presentChatLine(line, language)) };
    },
  );
}

function listEvents(api: Api): void {
  api.get(
    '/api/v1/messages/:id/events',
    {
      schema: {
        tags: ['messages'],
        summary:
          'The message’s tracking events in time order, with recipient, link or file, and client',
        params: MessageParams,
        querystring: EventsQuery,
        response: responses({ 200: EventList }),
      },
    },
    async (request) => {
      const { user } = principalOf(request);
      const limit = request.query.limit ?? 500;
      const found = await messageEvents(api.store.db, user.workspaceId, request.params.id, {
        limit,
        after: request.query.after,
      });
      return {
        events: found.events.map((event) => presentEvent(event, found)),
        cursor: nextCursor(found.events, limit),
      };
    },
  );
}

function changeLink(api: Api): void {
  api.patch(
    '/api/v1/messages/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['messages'],
        summary: 'Extend, shorten or revoke an attachment link after sending; posted in the chat',
        params: AttachmentLinkParams,
        body: AttachmentLinkBody,
        response: responses({ 200: MessageAttachmentView }),
      },
    },
    async (request) => {
      const { user } = principalOf(request);
      const { expiresAt, revoked } = request.body;
      const changed = await changeAttachmentLink(
        api.store.db,
        user,
        request.params.id,
        request.params.attachmentId,
        {
          expiresAt: expiresAt === undefined ? undefined : new Date(expiresAt),
          revoked,
        },
      );
      return presentLinkAttachment(changed);
    },
  );
}
