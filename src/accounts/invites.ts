import type { Kysely } from 'kysely';
import { fail } from '../errors.js';
import {
  claimInvite,
  type Database,
  findInviteByTokenHash,
  findWorkspaceById,
  insertInvite,
  newId,
  type Role,
  type UserRow,
} from '../store/index.js';
import { DAY_MS } from '../time-units.js';
import { hashSecretToken, newSecretToken } from './secret-tokens.js';
import { addUser, type Membership, type NewAccount } from './users.js';

export const INVITE_TTL_MS = 7 * DAY_MS;

export interface CreatedInvite {
  readonly token: string;
  readonly expiresAt: number;
}

export async function createInvite(
  db: Kysely<Database>,
  admin: UserRow,
  email: string,
  role: Role,
): Promise<CreatedInvite> {
  if (admin.role !== 'admin') fail('MB_ERR_FORBIDDEN');
  const token = newSecretToken();
  const now = Date.now();
  const expiresAt = now + INVITE_TTL_MS;
  await insertInvite(db, {
    id: newId(),
    workspaceId: admin.workspaceId,
    email: email.toLowerCase(),
    role,
    tokenHash: hashSecretToken(token),
    createdBy: admin.id,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/** Signup with an invite: joins the invite's workspace with its role; the invite works once. */
export function signupWithInvite(
  db: Kysely<Database>,
  account: NewAccount,
  inviteToken: string,
): Promise<Membership> {
  return db.transaction().execute(async (trx) => {
    const invite = await findInviteByTokenHash(trx, hashSecretToken(inviteToken));
    const now = Date.now();
    if (!invite || invite.usedAt !== null || invite.expiresAt <= now) fail('MB_ERR_INVITE_INVALID');
    if (invite.email !== account.email.toLowerCase()) fail('MB_ERR_INVITE_EMAIL_MISMATCH');
    if (!(await claimInvite(trx, invite.id, now))) fail('MB_ERR_INVITE_INVALID');
    const workspace = await findWorkspaceById(trx, invite.workspaceId);
    if (!workspace) fail('MB_ERR_INVITE_INVALID');
    const user = await addUser(trx, workspace.id, account, invite.role);
    return { user, workspace };
  });
}
