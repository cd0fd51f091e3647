import type { FastifyInstance } from 'fastify';
import { onSettingsChanged, workspaceSettings } from '../../workspace/index.js';
import { type NetworkSet, networkSet } from '../classify/index.js';

const TTL_MS = 30_000;

/**
 * Whether an address is in a workspace's internal networks (its setting): hits from there are
 * the team's own. Each workspace's list is read at most every 30 s, and again at once after a
 * change made on this node.
 */
export function internalNetworks(app: FastifyInstance) {
  const cache = new Map<string, { networks: NetworkSet; until: number }>();
  const stop = onSettingsChanged((workspaceId) => cache.delete(workspaceId));
  app.addHook('onClose', async () => stop());
  async function networksOf(workspaceId: string): Promise<NetworkSet> {
    const cached = cache.get(workspaceId);
    if (cached && cached.until > Date.now()) return cached.networks;
    const networks = networkSet(
      (await workspaceSettings(app.store.db, workspaceId)).internalNetworks,
    );
    cache.set(workspaceId, { networks, until: Date.now() + TTL_MS });
    return networks;
  }
  return {
    async contains(workspaceId: string, ip: string | undefined): Promise<boolean> {
      if (!ip) return false;
      const networks = await networksOf(workspaceId).catch(() => undefined);
      return networks?.has(ip) ?? false;
    },
  };
}
