import type { Config } from '../../config.js';
import type { ApiKeyRow, UserRow, WorkspaceRow } from '../../store/index.js';
import { parseSettings, resolveTrackingDefault } from '../../workspace/index.js';

export { ApiKeyView, UserView, WorkspaceView } from './account-views.js';

// One presenter per entity: a whitelist of fields, so a new column never leaks by accident.

export const iso = (ms: number): string => new Date(ms).toISOString();

export function presentUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language,
    trackingDefault: user.trackingDefault === null ? null : user.trackingDefault === 1,
    createdAt: iso(user.createdAt),
  };
}

export function presentWorkspace(workspace: WorkspaceRow) {
  return { id: workspace.id, name: workspace.name, createdAt: iso(workspace.createdAt) };
}

/**
 * A user with their workspace, whether their new messages start tracked (their own default,
 * else the workspace's) and the largest attachment accepted (MAX_ATTACHMENT_MB, in bytes):
 * what signup, login and the profile answer.
 */
export function presentMembership(
  user: UserRow,
  workspace: WorkspaceRow,
  config: Pick<Config, 'maxAttachmentBytes'>,
) {
  return {
    user: presentUser(user),
    workspace: presentWorkspace(workspace),
    trackingDefault: resolveTrackingDefault(user, parseSettings(workspace.settings)),
    maxAttachmentBytes: config.maxAttachmentBytes,
  };
}

export function presentApiKey(key: ApiKeyRow) {
  return {
    id: key.id,
    name: key.name,
    last4: key.last4,
    createdAt: iso(key.createdAt),
    lastUsedAt: key.lastUsedAt === null ? null : iso(key.lastUsedAt),
  };
}
