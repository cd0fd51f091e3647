import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { toLanguage } from '../../i18n/index.js';
import {
  follow,
  markOneNotificationRead,
  markRead,
  notificationPage,
  postNote,
  setOwnMute,
  unfollow,
} from '../../notify/index.js';
import { MessageParams } from '../messages/schema.js';
import { principalOf, standingPrincipal } from '../plugins/auth.js';
import { parseRange } from '../plugins/date-range.js';
import { ChatLineView, presentChatLine } from '../presenters/messages.js';
import { presentNotification } from '../presenters/notifications.js';
import { responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import {
  ChatNoteBody,
  Following,
  MuteBody,
  Muted,
  NotificationPage,
  NotificationParams,
  NotificationsQuery,
  ReadBody,
  Unread,
} from './schema.js';
import { streamNotifications } from './stream.js';

export interface NotificationRouteOptions {
  /** A comment line on idle streams, so proxies and browsers keep them open. */
  readonly sseHeartbeatMs: number;
}

/** The caller's notifications (paged and live), and what they follow, mute and write. */
export async function notificationRoutes(
  app: FastifyInstance,
  options: NotificationRouteOptions,
): Promise<void> {
  const api = typed(app);
  listNotifications(api);
  markNotificationsRead(api);
  markNotificationRead(api);
  streamLive(api, options);
  muteMessage(api);
  followMessage(api);
  unfollowMessage(api);
  writeNote(api);
}

function listNotifications(api: Api): void {
  api.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The caller’s notifications, newest first, and how many are unread',
        description:
          'Filters narrow the list (all that are given must hold); `unread` is the count of all the caller’s unread ones whatever the filters. Notifications retracted after a relabel (their events were a machine’s) are never listed.',
        querystring: NotificationsQuery,
        response: responses({ 200: NotificationPage }),
      },
    },
    async (request) => {
      const { user } = principalOf(request);
      const { after, limit, type, classification, messageId, unread } = request.query;
      const { from, to } = parseRange(request.query);
      const page = await notificationPage(api.store.db, user.id, {
        after,
        limit: limit ?? 50,
        filter: { type, classification, messageId, unreadOnly: unread === true, from, to },
      });
      const language = toLanguage(user.language);
      return {
        ...page,
        notifications: page.notifications.map((row) => presentNotification(row, language)),
      };
    },
  );
}

function markNotificationsRead(api: Api): void {
  api.post(
    '/api/v1/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark the caller’s notifications read up to this id',
        body: ReadBody,
        response: responses({ 200: Unread }),
      },
    },
    async (request) => ({
      unread: await markRead(api.store.db, principalOf(request).user.id, request.body.upTo),
    }),
  );
}

function markNotificationRead(api: Api): void {
  api.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of the caller’s notifications read',
        params: NotificationParams,
        response: responses({ 200: Unread }),
      },
    },
    async (request) => ({
      unread: await markOneNotificationRead(
        api.store.db,
        principalOf(request).user.id,
        request.params.id,
      ),
    }),
  );
}

function streamLive(api: Api, options: NotificationRouteOptions): void {
  // Registered with api.liveStreams (registerApi), which re-checks each stream's principal and
  // ends every stream when the node shuts down.
  const streams = api.liveStreams;
  api.get(
    '/api/v1/notifications/stream',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Live notifications (Server-Sent Events); Last-Event-ID resumes with nothing lost',
        description:
          'The stream ends within 30 s once its session is closed, its API key revoked or its user removed; the client then meets the auth check again on reconnecting.',
        produces: ['text/event-stream'],
        response: responses({
          200: Type.String({
            description:
              'event: notification (new, folded or corrected; data: the notification) or notification.retracted (data: the notification taken back: its events were found to be a machine’s), id, data',
          }),
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // Each stream words its lines for its own user, in their profile language as last read:
      // at each re-check of the principal, which a change of the profile asks for at once.
      let language = toLanguage(principal.user.language);
      const remove = streams.add({
        userId: principal.user.id,
        workspaceId: principal.user.workspaceId,
        stillValid: async () => {
          const now = await standingPrincipal(api, request, principal);
          if (now) language = toLanguage(now.user.language);
          return now !== null;
        },
        end: () => reply.raw.end(),
      });
      reply.raw.once('close', remove);
      return streamNotifications(request, reply, {
        db: api.store.db,
        hub: api.hub,
        userId: principal.user.id,
        language: () => language,
        heartbeatMs: options.sseHeartbeatMs,
      });
    },
  );
}

function muteMessage(api: Api): void {
  api.put(
    '/api/v1/messages/:id/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Disable (or enable) tracking notifications of this message for oneself',
        params: MessageParams,
        body: MuteBody,
        response: responses({ 200: Muted }),
      },
    },
    async (request) => {
      const state = await setOwnMute(
        api.store.db,
        principalOf(request).user,
        request.params.id,
        request.body.muted,
      );
      return { muted: state.muted };
    },
  );
}

function followMessage(api: Api): void {
  api.put(
    '/api/v1/messages/:id/follow',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Follow a message: its notifications come to you too',
        params: MessageParams,
        response: responses({ 200: Following }),
      },
    },
    async (request) => ({
      following: (await follow(api.store.db, principalOf(request).user, request.params.id))
        .following,
    }),
  );
}

function unfollowMessage(api: Api): void {
  api.delete(
    '/api/v1/messages/:id/follow',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Stop following a message',
        params: MessageParams,
        response: responses({ 200: Following }),
      },
    },
    async (request) => ({
      following: (await unfollow(api.store.db, principalOf(request).user, request.params.id))
        .following,
    }),
  );
}

function writeNote(api: Api): void {
  api.post(
    '/api/v1/messages/:id/chat',
    {
      schema: {
        tags: ['chat'],
        summary: 'Write a note in the message’s chat',
        params: MessageParams,
        body: ChatNoteBody,
        response: responses({ 201: ChatLineView }),
      },
    },
    async (request, reply) => {
      const { user } = principalOf(request);
      const line = await postNote(api.store.db, user, request.params.id, request.body.text);
      reply.status(201);
      return presentChatLine(line, toLanguage(user.language));
    },
  );
}
