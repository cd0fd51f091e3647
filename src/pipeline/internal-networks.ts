import type { FastifyBaseLogger } from 'fastify';
import { parseCidr } from '../config.js';
import type { Db } from '../store/index.js';
import { onSettingsChanged, workspaceSettings } from '../workspace/index.js';
import { type NetworkSet, networkSet } from './classify/index.js';

/** How long a workspace's list is trusted before it is read again (another node may change it). */
const TTL_MS = 30_000;

export interface InternalNetworks {
  /**
   * Whether `ip` (as stored: anonymised by default) is in the workspace's internal networks.
   * `db` is the caller's transaction: on SQLite another connection would wait for it forever.
   */
  contains(db: Db, workspaceId: string, ip: string | null): Promise<boolean>;
  /** Stops listening for settings changes. */
  close(): void;
}

/**
 * The workspaces' internal networks (their setting): hits from there are the team's own. Read by
 * the processing stage, never on the request path; each list at most every 30 s, and again at
 * once after a change made on this node. `now` is the clock (epoch ms).
 *
 * Settings are validated when saved by the parser the classifier reads them with (config's
 * parseCidr), so every saved entry parses; one saved before that rule (or written around it)
 * that does not is left out with a warning naming the workspace, never silently.
 */
export function internalNetworks(
  log: Pick<FastifyBaseLogger, 'warn'>,
  now: () => number = Date.now,
): InternalNetworks {
  const cache = new Map<string, { networks: NetworkSet; until: number }>();
  const stop = onSettingsChanged((workspaceId) => cache.delete(workspaceId));
  async function networksOf(db: Db, workspaceId: string): Promise<NetworkSet> {
    const cached = cache.get(workspaceId);
    if (cached && cached.until > now()) return cached.networks;
    const listed = (await workspaceSettings(db, workspaceId)).internalNetworks;
    // An entry that does not parse must not stop the processing of every hit behind it.
    const usable = listed.filter((cidr) => {
      try {
        parseCidr(cidr);
        return true;
      } catch (error) {
        log.warn(
          { err: error, workspaceId, cidr },
          'an internal network setting does not parse; it is left out',
        );
        return false;
      }
    });
    const networks = networkSet(usable);
    cache.set(workspaceId, { networks, until: now() + TTL_MS });
    return networks;
  }
  return {
    async contains(db, workspaceId, ip) {
      if (!ip) return false;
      return (await networksOf(db, workspaceId)).has(ip);
    },
    close: stop,
  };
}
