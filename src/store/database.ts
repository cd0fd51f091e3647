import type { Kysely, Transaction } from 'kysely';
import type { ApiKeyTable } from './api-keys.js';
import type { InstanceSettingTable } from './instance-settings.js';
import type { InviteTable } from './invites.js';
import type { SessionTable } from './sessions.js';
import type { UserTable } from './users.js';
import type { WorkspaceTable } from './workspaces.js';

/**
 * The schema as the application sees it: camelCase names, mapped to the snake_case tables by
 * Kysely's CamelCasePlugin, so snake_case never leaves `src/store`.
 */
export interface Database {
  workspaces: WorkspaceTable;
  users: UserTable;
  sessions: SessionTable;
  apiKeys: ApiKeyTable;
  invites: InviteTable;
  instanceSettings: InstanceSettingTable;
}

/** A database handle or an open transaction: repositories accept either. */
export type Db = Kysely<Database> | Transaction<Database>;
