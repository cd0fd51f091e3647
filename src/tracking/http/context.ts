import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { EventType, TrackedCopy } from '../../store/index.js';
import type { TrackingDirectory } from '../directory.js';
import type { EventRecorder } from '../recorder.js';
import { HONEYPOT_INDEX, type TokenKind, verifyToken } from '../tokens.js';
import { hitEvent, hitFacts } from './hit-event.js';
import { internalNetworks } from './internal-networks.js';
import { sendNotFound, sendUnavailable } from './responses.js';

export interface TrackingPluginOptions {
  readonly directory: TrackingDirectory;
  readonly recorder: EventRecorder;
}

export const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) });
export const Page = Type.String({ description: 'An HTML page for the recipient' });
export const tags = ['tracking'];
export const routeConfig = { access: 'public' as const };
export type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

export type Resolved = { copy: TrackedCopy; index: number | undefined };

/** What every hit handler shares: finding the copy a token names, and recording the hit. */
export interface HitContext {
  /**
   * The copy a token names: undefined for a token that is not ours (checked before any database
   * work), null when the database cannot be asked and the copy is not in memory.
   */
  resolve(
    request: FastifyRequest,
    kind: TokenKind,
    token: string,
  ): Promise<Resolved | undefined | null>;
  /**
   * Records the hit before the answer goes out. A failure is ours, not the recipient's: it is
   * logged (and counted by the recorder), and the answer still goes out.
   */
  record(
    request: FastifyRequest,
    copy: TrackedCopy,
    type: EventType,
    target?: { linkIdx?: number; attachmentId?: string },
  ): Promise<void>;
  /**
   * The copy a token names, or undefined once the recipient has been answered: 404 for a token
   * that is not ours, 503 when the database is needed and away.
   */
  find(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: TokenKind,
  ): Promise<Resolved | undefined>;
  readonly directory: TrackingDirectory;
}

export function hitContext(app: FastifyInstance, options: TrackingPluginOptions): HitContext {
  const { directory, recorder } = options;
  const internal = internalNetworks(app);
  const context: HitContext = {
    directory,
    async find(request, reply, kind) {
      const token = (request.params as { token: string }).token;
      const found = await context.resolve(request, kind, token);
      if (found === null) await sendUnavailable(request, reply);
      else if (!found) await sendNotFound(request, reply);
      return found ?? undefined;
    },
    async resolve(request, kind, token) {
      const value = verifyToken(app.keyring, kind, token);
      if (!value) return undefined;
      try {
        const copy = await directory.copy(value.trackingId);
        return copy ? { copy, index: value.index } : undefined;
      } catch (error) {
        request.log.error({ err: error, kind }, 'tracking lookup failed');
        return null;
      }
    },
    async record(request, copy, type, target = {}) {
      const row = hitEvent(request, copy, type, app.config.trackingIp, target);
      const facts = hitFacts(request, type, target, {
        // The sender (or a colleague) looking at their own mail, logged in to the app.
        senderSession: request.principal?.user.workspaceId === copy.workspaceId,
        internalNetwork: await internal.contains(copy.workspaceId, request.ip),
        honeypot: target.linkIdx === HONEYPOT_INDEX,
      });
      try {
        await recorder.record([{ row, facts }]);
      } catch (error) {
        request.log.error(
          { err: error, type, recipientId: copy.recipientId },
          'a hit was answered but not recorded',
        );
      }
    },
  };
  return context;
}

export const senderOf = (copy: TrackedCopy) => ({
  name: copy.fromName,
  email: copy.fromEmail ?? '',
});
