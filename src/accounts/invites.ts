import type { Kysely } from 'kysely';
import { fail } from '../errors.js';
import {
  claimInvite,
  type Database,
  deletePendingInvites,
  findInviteByTokenHash,
  findWorkspaceById,
  insertInvite,
  listPendingInvites,
  newId,
  type PendingInvite,
  type Role,
  type UserRow,
} from '../store/index.js';
import { DAY_MS } from '../time-units.js';
import { hashSecretToken, newSecretToken } from './secret-tokens.js';
import { addUser, type Membership, type NewAccount } from './users.js';

export const INVITE_TTL_MS = 7 * DAY_MS;

export interface CreatedInvite {
  readonly id: string;
  /** The secret the invite link carries; only its hash is stored. */
  readonly token: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/**
 * Invites `email` into the admin's workspace as `role`, for INVITE_TTL_MS. An earlier pending
 * invite for the same address is withdrawn in the same transaction: one working link per person,
 * the latest (its role is the one meant). `403 forbidden` for a non-admin.
 */
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
  const id = newId(now);
  const address = email.toLowerCase();
  await db.transaction().execute(async (trx) => {
    await deletePendingInvites(trx, admin.workspaceId, { email: address }, now);
    await insertInvite(trx, {
      id,
      workspaceId: admin.workspaceId,
      email: address,
      role,
      tokenHash: hashSecretToken(token),
      createdBy: admin.id,
      createdAt: now,
      expiresAt,
    });
  });
  return { id, token, expiresAt };
}

/** The admin's workspace's invites still waiting for a signup, newest first. */
export function pendingInvites(
  db: Kysely<Database>,
  admin: UserRow,
  now = Date.now(),
): Promise<PendingInvite[]> {
  return listPendingInvites(db, admin.workspaceId, now);
}

/**
 * Withdraws a pending invite of the admin's workspace: its link stops working at once. `404
 * not_found` for an invite that is not pending there (another workspace's, used, expired, gone).
 */
export async function revokeInvite(
  db: Kysely<Database>,
  admin: UserRow,
  id: string,
  now = Date.now(),
): Promise<void> {
  if ((await deletePendingInvites(db, admin.workspaceId, { id }, now)) === 0) {
    fail('MB_ERR_NOT_FOUND', 'No pending invite with this id');
  }
}

/** What an invite link's page may show before the signup: whom it is for, into which workspace. */
export interface InviteDetails {
  readonly email: string;
  readonly role: Role;
  readonly workspaceName: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/**
 * The pending invite `token` names, for the signup page to fill in its address. Only the link's
 * holder can ask (the token is 256 random bits). `403 invite_invalid` when unknown, used,
 * withdrawn or expired, as the signup itself would answer.
 */
export async function lookupInvite(
  db: Kysely<Database>,
  token: string,
  now = Date.now(),
): Promise<InviteDetails> {
  const invite = await findInviteByTokenHash(db, hashSecretToken(token));
  if (!invite || invite.usedAt !== null || invite.expiresAt <= now) fail('MB_ERR_INVITE_INVALID');
  const workspace = await findWorkspaceById(db, invite.workspaceId);
  if (!workspace) fail('MB_ERR_INVITE_INVALID');
  return {
    email: invite.email,
    role: invite.role,
    workspaceName: workspace.name,
    expiresAt: invite.expiresAt,
  };
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
