import type { Kysely } from 'kysely';
import { fail } from '../errors.js';
import {
  anyUserExists,
  type Database,
  type Db,
  findWorkspaceByName,
  insertInstanceSettingOnce,
  insertUser,
  insertWorkspace,
  isUniqueViolation,
  newId,
  type Role,
  type UserRow,
  type WorkspaceRow,
} from '../store/index.js';
import { hashNewPassword } from './passwords.js';

export interface NewAccount {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

export interface Membership {
  readonly user: UserRow;
  readonly workspace: WorkspaceRow;
}

const FIRST_SIGNUP_MARK = 'first_signup';

export async function addUser(
  db: Db,
  workspaceId: string,
  account: NewAccount,
  role: Role,
): Promise<UserRow> {
  const passwordHash = await hashNewPassword(account.password, account.email);
  try {
    return await insertUser(db, {
      id: newId(),
      workspaceId,
      email: account.email.toLowerCase(),
      name: account.name.trim(),
      passwordHash,
      role,
      createdAt: Date.now(),
    });
  } catch (error) {
    if (isUniqueViolation(error)) fail('MB_ERR_EMAIL_TAKEN');
    throw error;
  }
}

/**
 * The open signup: only while no user exists, and only once even when two arrive together (the
 * first-signup mark is a primary key, so the second insert finds it taken).
 */
export function signupFirstUser(
  db: Kysely<Database>,
  account: NewAccount,
  workspaceName: string | undefined,
): Promise<Membership> {
  return db.transaction().execute(async (trx) => {
    if (await anyUserExists(trx)) fail('MB_ERR_INVITE_REQUIRED');
    if (workspaceName === undefined) {
      fail('MB_ERR_VALIDATION', 'body/workspace is required to create the first workspace');
    }
    const marked = await insertInstanceSettingOnce(trx, FIRST_SIGNUP_MARK, account.email);
    if (!marked) fail('MB_ERR_INVITE_REQUIRED');
    const workspace = await insertWorkspace(trx, {
      id: newId(),
      name: workspaceName.trim(),
      createdAt: Date.now(),
    });
    const user = await addUser(trx, workspace.id, account, 'admin');
    return { user, workspace };
  });
}

/**
 * The operator's way in (CLI): joins the named workspace, or creates it with this user as its
 * admin when no workspace has that name.
 */
export function createUserInWorkspace(
  db: Kysely<Database>,
  account: NewAccount,
  workspaceName: string,
  role?: Role,
): Promise<Membership> {
  return db.transaction().execute(async (trx) => {
    const existing = await findWorkspaceByName(trx, workspaceName.trim());
    const workspace =
      existing ??
      (await insertWorkspace(trx, {
        id: newId(),
        name: workspaceName.trim(),
        createdAt: Date.now(),
      }));
    const user = await addUser(trx, workspace.id, account, role ?? (existing ? 'member' : 'admin'));
    return { user, workspace };
  });
}
