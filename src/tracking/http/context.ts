import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { TrackingIpMode } from '../../config.js';
import { hitHeaders, keptIp } from '../../pipeline/index.js';
import { isRecipientErased, newId, type TrackedCopy } from '../../store/index.js';
import type { EventType } from '../../vocabulary.js';
import type { TrackingDirectory } from '../directory.js';
import type { HitLogWriter } from '../hit-log-writer.js';
import type { SenderSessions } from '../sender-sessions.js';
import { type TokenKind, verifyToken } from '../tokens.js';
import { sendNotFound, sendUnavailable } from './responses.js';

export interface TrackingPluginOptions {
  readonly directory: TrackingDirectory;
  readonly hitLog: HitLogWriter;
  readonly sessions: SenderSessions;
  /** TRACKING_IP: what a hit keeps of the address, and what the privacy page says it keeps. */
  readonly ipMode: TrackingIpMode;
  /** EVENT_RETENTION_DAYS, which the privacy page states. */
  readonly retentionDays: number;
  /** The clock hits are stamped with, epoch ms (the service's: tests move it forward). */
  readonly now: () => number;
}

export const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) });
export const Page = Type.String({ description: 'An HTML page for the recipient' });
/** Every answer that is not the success itself is a page for the recipient, never JSON. */
export const pages = <const R extends Record<number, unknown>>(success: R) => ({
  ...success,
  '4xx': Page,
  '5xx': Page,
});
export const tags = ['tracking'];
export type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

export type Resolved = { copy: TrackedCopy; index: number | undefined };

/**
 * Whom a hit is about: a recipient's copy, or a message's shared pixel (the `aggregate` policy),
 * whose hits carry the empty string for a recipient because they name no one.
 */
export type HitSubject = Pick<TrackedCopy, 'workspaceId' | 'messageId' | 'recipientId'>;

const MAX_USER_AGENT = 1000;

/** What every hit handler shares: finding the copy a token names, and logging the hit. */
export interface HitContext {
  /**
   * The copy a token names: undefined for a token that is not ours (checked before any database
   * work), null when the database cannot be asked and the copy is not in memory.
   */
  resolve(
    kind: TokenKind,
    token: string,
    request: FastifyRequest,
  ): Promise<Resolved | undefined | null>;
  /**
   * Appends the raw hit to the hit log and resolves once it is durable. A failure is ours, not
   * the recipient's: it is logged (and counted), and the answer still goes out.
   */
  record(
    request: FastifyRequest,
    copy: HitSubject,
    type: EventType,
    target?: { linkIdx?: number; attachmentId?: string },
  ): Promise<void>;
  /**
   * Keeps an open whose copy `resolve` could not find (null: the database away, the copy not in
   * memory) in the spool, to be completed from the token's tracking id once the database is back.
   * A failure is logged and counted; the answer still goes out.
   */
  recordUnresolved(request: FastifyRequest, token: string, type: 'open'): Promise<void>;
  /**
   * The copy a token names, or undefined once the recipient has been answered: 404 for a token
   * that is not ours (or, for the privacy page and its buttons, a copy whose recipient was
   * erased), 503 when the database is needed and away.
   */
  find(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: TokenKind,
  ): Promise<Resolved | undefined>;
  readonly directory: TrackingDirectory;
  /** The service's clock, epoch ms: what hits and recipients' choices are stamped with. */
  readonly now: () => number;
}

export function hitContext(app: FastifyInstance, options: TrackingPluginOptions): HitContext {
  const { directory, hitLog, sessions, ipMode, now } = options;
  const context: HitContext = {
    directory,
    now,
    async find(request, reply, kind) {
      const token = (request.params as { token: string }).token;
      const found = await context.resolve(kind, token, request);
      if (found === null) await sendUnavailable(request, reply);
      else if (!found) await sendNotFound(request, reply);
      else if (kind === 'privacy') {
        // An erased recipient's copy offers nothing: no page naming them, no button recording
        // them again. Asked of the database each time (these pages are rare), since the copy in
        // memory, here or on another node, may predate the erasure.
        const erased = await isRecipientErased(app.store.db, found.copy.recipientId).catch(
          () => null,
        );
        if (erased === null) await sendUnavailable(request, reply);
        else if (erased) await sendNotFound(request, reply);
        if (erased !== false) return undefined;
      }
      return found ?? undefined;
    },
    async resolve(kind, token, request) {
      const value = verifyToken(app.keyring, kind, token);
      if (!value) return undefined;
      try {
        const copy = directory.cached(value.trackingId) ?? (await directory.copy(value.trackingId));
        return copy ? { copy, index: value.index } : undefined;
      } catch (error) {
        request.log.error({ err: error, kind }, 'tracking lookup failed');
        return null;
      }
    },
    async record(request, copy, type, target = {}) {
      const team = sessions.isTeamOf(request.headers.cookie, copy.workspaceId);
      try {
        await hitLog.append({
          ...requestFacts(request, type, target),
          workspaceId: copy.workspaceId,
          messageId: copy.messageId,
          recipientId: copy.recipientId,
          senderSession: (await team) ? 1 : 0,
        });
      } catch (error) {
        request.log.error(
          { err: error, type, recipientId: copy.recipientId },
          'a hit was answered but not recorded',
        );
      }
    },
    async recordUnresolved(request, token, type) {
      const value = verifyToken(app.keyring, type, token);
      if (!value) return;
      try {
        await hitLog.appendUnresolved({
          ...requestFacts(request, type),
          trackingId: value.trackingId,
          senderSession: 0,
        });
      } catch (error) {
        request.log.error({ err: error, type }, 'a hit was answered but not recorded');
      }
    },
  };
  return context;

  /** What a hit's row holds of the request itself, the IP as `TRACKING_IP` keeps it. */
  function requestFacts(
    request: FastifyRequest,
    type: EventType,
    target: { linkIdx?: number; attachmentId?: string } = {},
  ) {
    const at = now();
    return {
      id: newId(at),
      at,
      type,
      linkIdx: target.linkIdx ?? null,
      attachmentId: target.attachmentId ?? null,
      method: request.method,
      ip: keptIp(request.ip, ipMode),
      userAgent: request.headers['user-agent']?.slice(0, MAX_USER_AGENT) ?? null,
      headers: hitHeaders(request.headers),
    };
  }
}

export const senderOf = (copy: TrackedCopy) => ({
  name: copy.fromName,
  email: copy.fromEmail ?? '',
});
