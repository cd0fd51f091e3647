import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** The open live streams of the API's scope (registerLiveStreams). */
    liveStreams: LiveStreams;
  }
}

/** One open live stream, as the registry knows it. */
export interface OpenStream {
  readonly userId: string;
  readonly workspaceId: string;
  /**
   * Whether the stream's principal still stands: its session or API key still resolves to the
   * same user in the same workspace. Throws when that cannot be told (the database is away).
   */
  stillValid(): Promise<boolean>;
  /** Ends the response; the client reconnects and meets the auth check of a new request. */
  end(): void;
}

/**
 * The node's open live streams, re-checked against their principal: every `recheckMs` by the
 * service's clock, and at once for a workspace when something there changes in this process (a
 * logout, a revoked API key, a member removed). A stream whose principal no longer stands is
 * ended. Other nodes' changes reach this node's streams at the next periodic round.
 */
export interface LiveStreams {
  /** Registers a stream until the returned function is called (its connection closed). */
  add(stream: OpenStream): () => void;
  /** Re-checks the streams of the workspace now; resolves once those that lapsed are ended. */
  recheckWorkspace(workspaceId: string): Promise<void>;
  /** Ends every stream (the node shuts down) and stops the periodic round. */
  close(): void;
}

export interface LiveStreamOptions {
  /** The service's clock (epoch ms): tests move it forward instead of waiting. */
  readonly clock: () => number;
  /** How long a principal may go unchecked, in ms by `clock` (issue 14: at most 30 s). */
  readonly streamRecheckMs: number;
  /** How often, in real ms, the clock is looked at to see whether a round is due. */
  readonly streamRecheckPollMs: number;
}

/**
 * Decorates `app` (the API's scope, before its routes) with its `liveStreams`, ended when the
 * server closes: a stream never ends by itself and the server's close waits for every
 * connection, so a node shutting down ends its streams first; their clients reconnect (to
 * another node behind a proxy) and resume from Last-Event-ID.
 */
export function registerLiveStreams(app: FastifyInstance, options: LiveStreamOptions): void {
  const streams = createLiveStreams({ ...options, log: app.log });
  app.decorate('liveStreams', streams);
  app.addHook('preClose', async () => streams.close());
}

/** Fifteen seconds: a lapsed principal's stream ends within 30 s even if one round is slow. */
export const STREAM_RECHECK_MS = 15_000;
/** The real-time tick that compares the clock with the next round: cheap, so often. */
export const STREAM_RECHECK_POLL_MS = 1_000;

/** The registry of `LiveStreams`, its periodic round started. */
export function createLiveStreams(
  options: LiveStreamOptions & { readonly log: FastifyBaseLogger },
): LiveStreams {
  const open = new Set<OpenStream>();
  let lastRound = options.clock();
  let round: Promise<void> | undefined;

  const recheck = async (streams: readonly OpenStream[]) => {
    await Promise.all(streams.map((stream) => recheckOne(stream, options.log)));
  };
  const timer = setInterval(() => {
    if (round || options.clock() - lastRound < options.streamRecheckMs) return;
    lastRound = options.clock();
    round = recheck([...open]).finally(() => {
      round = undefined;
    });
  }, options.streamRecheckPollMs);
  // The round never keeps a process alive on its own.
  timer.unref();

  return {
    add(stream) {
      open.add(stream);
      return () => open.delete(stream);
    },
    recheckWorkspace: (workspaceId) =>
      recheck([...open].filter((stream) => stream.workspaceId === workspaceId)),
    close() {
      clearInterval(timer);
      for (const stream of open) stream.end();
      open.clear();
    },
  };
}

/**
 * Ends the stream when its principal lapsed. When the check cannot be made (the database is
 * unreachable) the stream stays: it delivers nothing meanwhile, since notifications come from
 * that database, and the next round decides.
 */
async function recheckOne(stream: OpenStream, log: FastifyBaseLogger): Promise<void> {
  try {
    if (await stream.stillValid()) return;
  } catch (error) {
    log.warn({ err: error }, 'could not re-check a live stream’s principal; checking next round');
    return;
  }
  stream.end();
}
