import type { Generated, Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';

export interface WorkspaceTable {
  id: string;
  name: string;
  /** JSON object of workspace settings; read and written by the settings module. */
  settings: Generated<string>;
  createdAt: number;
}
export type WorkspaceRow = Selectable<WorkspaceTable>;
export type NewWorkspaceRow = Insertable<WorkspaceTable>;

export async function insertWorkspace(db: Db, row: NewWorkspaceRow): Promise<WorkspaceRow> {
  await db.insertInto('workspaces').values(row).execute();
  return { ...row, settings: row.settings ?? '{}' };
}

export function findWorkspaceById(db: Db, id: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findWorkspaceByName(db: Db, name: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspaces').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function updateWorkspaceSettings(db: Db, id: string, settings: string): Promise<void> {
  await db.updateTable('workspaces').set({ settings }).where('id', '=', id).execute();
}

/** Every workspace's id and settings (JSON): what the shared mailboxes are started from. */
export function listWorkspaceSettings(db: Db): Promise<{ id: string; settings: string }[]> {
  return db.selectFrom('workspaces').select(['id', 'settings']).orderBy('id').execute();
}
