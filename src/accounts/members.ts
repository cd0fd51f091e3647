import type { Kysely } from 'kysely';
import { fail } from '../errors.js';
import type { Database } from '../store/index.js';
import { findUserById, markUserRemoved, type UserRow } from '../store/index.js';

/**
 * An admin removes a member from the workspace at `at` (epoch ms): the member can no longer sign
 * in, their sessions and API keys stop working at once, and they follow no message; the row
 * stays, so their messages still name their sender. Raises MB_ERR_NOT_FOUND for an id that is
 * not a member of the admin's workspace (already removed included) and MB_ERR_MEMBER_IS_SELF for
 * the admin's own: a workspace always keeps the admin who acts for it.
 */
export async function removeMember(
  db: Kysely<Database>,
  admin: UserRow,
  id: string,
  at: number,
): Promise<void> {
  if (id === admin.id) fail('MB_ERR_MEMBER_IS_SELF');
  await db.transaction().execute(async (trx) => {
    const member = await findUserById(trx, id);
    if (!member || member.workspaceId !== admin.workspaceId || member.removedAt !== null) {
      fail('MB_ERR_NOT_FOUND');
    }
    await markUserRemoved(trx, id, at);
  });
}
