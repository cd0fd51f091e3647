import { Type } from 'typebox';
import type { ApiKeyRow, UserRow, WorkspaceRow } from '../../store/index.js';
import { Email, Id, LanguageCode, Role, Timestamp } from '../schemas.js';

// One presenter per entity: a whitelist of fields, so a new column never leaks by accident.

export const UserView = Type.Object({
  id: Id,
  email: Email,
  name: Type.String(),
  role: Role,
  language: LanguageCode(),
  createdAt: Timestamp,
});

export const WorkspaceView = Type.Object({ id: Id, name: Type.String(), createdAt: Timestamp });

export const ApiKeyView = Type.Object({
  id: Id,
  name: Type.String(),
  last4: Type.String({ description: 'The last four characters of the key, to recognise it' }),
  createdAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
});

export const iso = (ms: number): string => new Date(ms).toISOString();

export function presentUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language,
    createdAt: iso(user.createdAt),
  };
}

export function presentWorkspace(workspace: WorkspaceRow) {
  return { id: workspace.id, name: workspace.name, createdAt: iso(workspace.createdAt) };
}

/** A user with their workspace: what signup, login and the profile answer. */
export function presentMembership(user: UserRow, workspace: WorkspaceRow) {
  return { user: presentUser(user), workspace: presentWorkspace(workspace) };
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
