import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { onSettingsChanged, workspaceSettings } from '../../workspace/index.js';

const TTL_MS = 30_000;

/**
 * Whether an address is in a workspace's internal networks (its setting): hits from there are
 * the team's own. Each workspace's list is read at most every 30 s, and again at once after a
 * change made on this node.
 */
export function internalNetworks(app: FastifyInstance) {
  const cache = new Map<string, { list: BlockList | null; until: number }>();
  const stop = onSettingsChanged((workspaceId) => cache.delete(workspaceId));
  app.addHook('onClose', async () => stop());
  async function listOf(workspaceId: string): Promise<BlockList | null> {
    const cached = cache.get(workspaceId);
    if (cached && cached.until > Date.now()) return cached.list;
    const entries = (await workspaceSettings(app.store.db, workspaceId)).internalNetworks;
    let list: BlockList | null = null;
    if (entries.length > 0) {
      list = new BlockList();
      for (const entry of entries) {
        const [address = '', bits] = entry.split('/');
        const family = isIPv6(address) ? 'ipv6' : 'ipv4';
        if (bits === undefined) list.addAddress(address, family);
        else list.addSubnet(address, Number(bits), family);
      }
    }
    cache.set(workspaceId, { list, until: Date.now() + TTL_MS });
    return list;
  }
  return {
    async contains(workspaceId: string, ip: string | undefined): Promise<boolean> {
      if (!ip) return false;
      const list = await listOf(workspaceId).catch(() => null);
      if (!list) return false;
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
      const address = mapped ?? ip;
      if (isIPv4(address)) return list.check(address, 'ipv4');
      return isIPv6(address) && list.check(address, 'ipv6');
    },
  };
}
