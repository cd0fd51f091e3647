import { Type } from 'typebox';
import { Email, Id, Role, Timestamp } from '../schemas.js';

export const CreateInviteBody = Type.Object(
  { email: Email, role: Type.Optional(Role) },
  { additionalProperties: false },
);
export const CreatedInvite = Type.Object({
  id: Id,
  token: Type.String(),
  url: Type.String({ description: 'The signup link, also mailed to the invitee' }),
  expiresAt: Timestamp,
  mailed: Type.Boolean({
    description: 'Whether the relay took the invitation mail; when not, copy `url` to them',
  }),
  mailError: Type.Optional(
    Type.String({ description: 'Why the invitation could not be mailed (the relay’s reply)' }),
  ),
});
export const PendingInvite = Type.Object({
  id: Id,
  email: Type.String(),
  role: Role,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  invitedBy: Type.Object({ id: Id, name: Type.String() }),
});
export const PendingInvites = Type.Object({ invites: Type.Array(PendingInvite) });
export const InviteParams = Type.Object({ id: Id });
export const InviteLookupBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const InviteDetails = Type.Object({
  email: Type.String(),
  role: Role,
  workspace: Type.Object({ name: Type.String() }),
  expiresAt: Timestamp,
});
